package cn.qinglong.dangjian.query.stream;

import cn.qinglong.dangjian.security.problem.Refusal;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The subscription's parameters cannot be honoured; each problem names the parameter or header. */
class InvalidSubscription extends Refusal {

    InvalidSubscription(List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, "invalid-subscription", "Invalid subscription",
                problems.stream().map(p -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        with("errors", List.copyOf(problems));
    }
}
