package cn.qinglong.dangjian.command.shared;

import cn.qinglong.dangjian.security.problem.Refusal;
import org.springframework.http.HttpStatus;

/** A client-supplied id is already taken by something else (not an idempotent repeat): 409. */
public class IdConflict extends Refusal {

    public IdConflict(String message) {
        super(HttpStatus.CONFLICT, "id-conflict", "Id already in use", message);
    }
}
