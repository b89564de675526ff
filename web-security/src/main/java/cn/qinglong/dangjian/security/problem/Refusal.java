package cn.qinglong.dangjian.security.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A request refused, carrying everything its answer needs: the status, the problem type and title, the detail, and
 * any further properties ({@code errors}) and headers. {@link ProblemAdvice} answers every one alike as
 * {@code application/problem+json}; a service throws a subclass, it writes no handler.
 */
public class Refusal extends ErrorResponseException {

    /** One refused field, parameter or header, named as the client sent it. */
    public record FieldProblem(String field, String message) {
    }

    public Refusal(HttpStatus status, String type, String title, String detail) {
        super(status, ProblemResponses.problem(status.value(), type, title, detail), null);
    }

    /** Adds a member to the problem body, such as {@code errors} or {@code currentVersion}. */
    public Refusal with(String property, Object value) {
        getBody().setProperty(property, value);
        return this;
    }

    /** Adds a header to the answer, such as {@code Retry-After}. */
    public Refusal header(String name, String value) {
        getHeaders().set(name, value);
        return this;
    }

    /** The detail alone, in the words a client reads. */
    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
