package cn.qinglong.dangjian.query.web;

import cn.qinglong.dangjian.security.problem.FailureMeaning;
import cn.qinglong.dangjian.security.problem.ProblemAdvice;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;

/** A read-model database that cannot be reached is a 503, as an unreachable event store is. */
@Component
class MongoFailures implements FailureMeaning {

    @Override
    public ErrorResponse refusal(Throwable failure) {
        return FailureMeaning.causes(failure).stream().anyMatch(t -> t instanceof MongoTimeoutException
                || t instanceof MongoSocketException) ? ProblemAdvice.unavailable() : null;
    }
}
