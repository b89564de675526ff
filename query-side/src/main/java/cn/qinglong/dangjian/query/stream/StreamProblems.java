package cn.qinglong.dangjian.query.stream;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals of a subscription as problem+json. The Content-Type is set explicitly because an SSE client sends
 * {@code Accept: text/event-stream}, and the problem must still reach it.
 */
@RestControllerAdvice(basePackageClasses = StreamProblems.class)
class StreamProblems {

    @ExceptionHandler(InvalidSubscription.class)
    ResponseEntity<ProblemDetail> invalid(InvalidSubscription e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(URI.create("/problems/invalid-subscription"));
        problem.setTitle("Invalid subscription");
        problem.setProperty("errors", e.problems());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(TooManySubscribers.class)
    ResponseEntity<ProblemDetail> tooMany(TooManySubscribers e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(URI.create("/problems/too-many-subscribers"));
        problem.setTitle("Too many subscribers");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
