package cn.qinglong.dangjian.security.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.catalina.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * The one place both services turn a failure into an answer: a {@link Refusal} (or any Spring
 * {@link ErrorResponse}) anywhere in the failure's causes answers as itself; Spring MVC's own refusals (unreadable or
 * invalid bodies, missing or mistyped parameters, unsupported methods and media types) as theirs, with the field
 * named; the service's {@link FailureMeaning}s say what their libraries' failures mean; an unreachable database is a
 * 503; anything else a 500 whose cause is logged, never shown. Every answer is {@code application/problem+json} in
 * the shape of {@link ProblemResponses}, whatever the request accepted (a CSV or an event-stream client included).
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final List<FailureMeaning> meanings;

    public ProblemAdvice(List<FailureMeaning> meanings) {
        this.meanings = List.copyOf(meanings);
    }

    /** Every failure Spring's own handlers do not name. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> failure(Exception failure, WebRequest request) throws Exception {
        for (Throwable cause : FailureMeaning.causes(failure)) {
            if (cause instanceof ErrorResponse && cause instanceof Exception refusal) {
                return handleException(refusal, request);
            }
        }
        for (FailureMeaning meaning : meanings) {
            ErrorResponse refusal = meaning.refusal(failure);
            if (refusal != null) {
                return answer(refusal.getBody(), refusal.getHeaders());
            }
        }
        if (unreachable(failure)) {
            log.warn("a backing store is unreachable: {}", failure.toString());
            return answer(unavailable().getBody(), unavailable().getHeaders());
        }
        log.error("unexpected failure", failure);
        return answer(ProblemResponses.forStatus(500, "the request could not be completed; it has been logged"),
                HttpHeaders.EMPTY);
    }

    /** A database that cannot be reached: nothing was recorded, the client may retry. */
    public static Refusal unavailable() {
        return new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Service unavailable",
                "a backing store cannot be reached; nothing was recorded, retry later").header(HttpHeaders.RETRY_AFTER, "5");
    }

    /** A connection that could not be made or was lost, in the JDBC driver's words or the pool's. */
    public static boolean unreachable(Throwable failure) {
        return FailureMeaning.causes(failure).stream().anyMatch(t -> t instanceof CannotGetJdbcConnectionException
                || t instanceof DataAccessResourceFailureException || t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException
                || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Refusal.FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new Refusal.FieldProblem(error.getField(), message(error)))
                .sorted(Comparator.comparing(Refusal.FieldProblem::field))
                .toList();
        return answer(new InvalidInput(errors).getBody(), headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return answer(unreadable(e), headers);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return answer(new InvalidInput(e.getParameterName(), "is required").getBody(), headers);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() != null ? e.getPropertyName() : "parameter";
        return answer(new InvalidInput(name, "has an invalid value").getBody(), headers);
    }

    /** Every answer of Spring's own handlers passes here: into the one shape, as problem+json. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : e instanceof ErrorResponse refusal ? refusal.getBody()
                : ProblemResponses.forStatus(status.value(), null);
        return answer(problem, headers);
    }

    private static ResponseEntity<Object> answer(ProblemDetail problem, HttpHeaders headers) {
        HttpHeaders answered = new HttpHeaders();
        answered.putAll(headers);
        answered.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(problem.getStatus()).headers(answered).body(ProblemResponses.body(problem));
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof StreamReadException) {
            return ProblemResponses.problem(400, "malformed-json", "Malformed JSON", "the request body is not well-formed JSON");
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return new InvalidInput(field, reason(jackson)).getBody();
        }
        if (cause == null) {
            return ProblemResponses.problem(400, "malformed-json", "Malformed JSON", "a JSON request body is required");
        }
        return ProblemResponses.problem(400, "malformed-json", "Malformed JSON", "the request body could not be read");
    }

    private static String reason(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(format.getTargetType().getEnumConstants());
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException invalid) {
            return invalid.getMessage();
        }
        if (e instanceof InvalidFormatException format) {
            return "has an invalid value '" + format.getValue() + "'";
        }
        return "has the wrong type or shape";
    }

    /**
     * Tomcat keeps no error page of Spring Boot's ({@code /error}, whose JSON is not a problem): an error the
     * container sees (a {@code sendError}, a refused request line) is then answered by {@link ProblemErrorReportValve}.
     */
    public static void noErrorPages(Context context) {
        for (org.apache.tomcat.util.descriptor.web.ErrorPage page : context.findErrorPages()) {
            context.removeErrorPage(page);
        }
    }
}
