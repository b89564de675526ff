package cn.qinglong.dangjian.security.problem;

import org.springframework.http.HttpStatus;

/** Something the request names does not exist (or is out of the caller's reach, which reads the same): 404. */
public class NotFound extends Refusal {

    public NotFound(String what, Object id) {
        this(what + " '" + id + "' does not exist");
    }

    public NotFound(String detail) {
        super(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
    }
}
