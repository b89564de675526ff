package cn.qinglong.dangjian.query.history;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problems for the history endpoints only (scoped to this package so it cannot clash with a service-wide
 * handler, and ordered first so it wins for them). Nothing internal leaks: no class names, SQL or stack traces.
 */
@RestControllerAdvice(basePackageClasses = HistoryProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class HistoryProblems {

    private static final Logger log = LoggerFactory.getLogger(HistoryProblems.class);

    record FieldProblem(String field, String message) {
    }

    @ExceptionHandler(InvalidParameter.class)
    ResponseEntity<ProblemDetail> invalid(InvalidParameter e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "invalid field(s): " + e.field());
        problem.setProperty("errors", List.of(new FieldProblem(e.field(), e.getMessage())));
        return respond(problem);
    }

    @ExceptionHandler(MemberNotFound.class)
    ResponseEntity<ProblemDetail> notFound(MemberNotFound e) {
        return respond(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage()));
    }

    /** A checkpoint that does not exist, or a member not in the checkpoint asked for (the history proof). */
    @ExceptionHandler(cn.qinglong.dangjian.query.web.NotFound.class)
    ResponseEntity<ProblemDetail> notFound(cn.qinglong.dangjian.query.web.NotFound e) {
        return respond(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage()));
    }

    @ExceptionHandler(HistoryController.NotAcceptable.class)
    ResponseEntity<ProblemDetail> notAcceptable(HistoryController.NotAcceptable e) {
        return respond(problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable", e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (storeUnreachable(e)) {
            log.warn("event store unreachable: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Service unavailable",
                            "the event store cannot be reached; retry later"));
        }
        log.error("unexpected failure reading a member's history", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the request could not be completed; it has been logged"));
    }

    private static boolean storeUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof DataAccessResourceFailureException
                    || (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    /** The problem type is set explicitly: a CSV request must not turn its error into CSV. */
    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
