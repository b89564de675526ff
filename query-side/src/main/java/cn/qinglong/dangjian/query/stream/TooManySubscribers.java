package cn.qinglong.dangjian.query.stream;

import cn.qinglong.dangjian.security.problem.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

class TooManySubscribers extends Refusal {

    TooManySubscribers(int limit) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "too-many-subscribers", "Too many subscribers",
                "This node already serves " + limit + " event streams; retry later or on another node");
        header(HttpHeaders.RETRY_AFTER, "5");
    }
}
