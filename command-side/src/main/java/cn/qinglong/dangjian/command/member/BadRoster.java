package cn.qinglong.dangjian.command.member;

import cn.qinglong.dangjian.security.problem.Refusal;
import org.springframework.http.HttpStatus;

/** The uploaded file as a whole cannot be imported (4xx, nothing recorded); the detail says why, in Chinese. */
final class BadRoster extends Refusal {

    BadRoster(int status, String type, String detail) {
        super(HttpStatus.valueOf(status), type, "The roster file cannot be imported", detail);
    }
}
