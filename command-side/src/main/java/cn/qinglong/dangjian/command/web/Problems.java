package cn.qinglong.dangjian.command.web;

import cn.qinglong.dangjian.command.security.MemberScope;
import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/** Every refusal as RFC 9457 problem+json; nothing internal (class names, stack traces, SQL) leaks. */
@RestControllerAdvice
class Problems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private final DataSource dataSource;

    Problems(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    record FieldProblem(String field, String message) {
    }

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolated(RuleViolation e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "rule-violation", "A rule refused the command", e.getMessage());
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(MemberScope.OutOfScope.class)
    ProblemDetail outOfScope(MemberScope.OutOfScope e) {
        return e.status() == 404 ? problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage())
                : problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail aggregateNotFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "'" + e.getAggregateIdentifier() + "' does not exist");
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> versionConflict(ConflictingAggregateVersionException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "version-conflict", "Version conflict",
                "If-Match expected version " + e.getExpectedVersion() + " but the current version is "
                        + e.getActualVersion());
        problem.setProperty("currentVersion", e.getActualVersion());
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .header(HttpHeaders.ETAG, Versions.etag(e.getActualVersion()))
                .body(problem);
    }

    @ExceptionHandler(IdConflict.class)
    ProblemDetail idConflict(IdConflict e) {
        return problem(HttpStatus.CONFLICT, "id-conflict", "Id already in use", e.getMessage());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentWriters(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                "another command changed the same record at the same moment; retry the request");
    }

    @ExceptionHandler(InvalidInput.class)
    ProblemDetail invalidInput(InvalidInput e) {
        return invalid(List.of(new FieldProblem(e.field(), e.getMessage())));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<?> wrapped(CommandExecutionException e, WebRequest request) throws Exception {
        if (e.getCause() instanceof Exception cause && !(cause instanceof CommandExecutionException)) {
            return handle(cause, request);
        }
        return ResponseEntity.internalServerError().body(unexpected(e));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<?> unexpected(Exception e, WebRequest request) {
        if (connectionFailure(e) || !storeAnswers()) {
            log.warn("event store unreachable: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Service unavailable",
                            "the event store cannot be reached; nothing was recorded, retry later"));
        }
        return ResponseEntity.internalServerError().body(unexpected(e));
    }

    private ResponseEntity<?> handle(Exception cause, WebRequest request) throws Exception {
        if (cause instanceof RuleViolation e) {
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(ruleViolated(e));
        }
        if (cause instanceof NotFound e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(notFound(e));
        }
        if (cause instanceof IdConflict e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(idConflict(e));
        }
        if (cause instanceof ConflictingAggregateVersionException e) {
            return versionConflict(e);
        }
        return unexpected(cause, request);
    }

    private ProblemDetail unexpected(Exception e) {
        log.error("unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the request could not be completed; it has been logged");
    }

    /** A failure whose cause chain does not say "connection" may still be one (a pooled connection killed mid-use). */
    private boolean storeAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static boolean connectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), message(error)))
                .sorted(java.util.Comparator.comparing(FieldProblem::field))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(unreadable(e));
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof StreamReadException) {
            return problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "the request body is not well-formed JSON");
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return invalid(List.of(new FieldProblem(field, reason(jackson))));
        }
        if (cause == null) {
            return problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", "a JSON request body is required");
        }
        return problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", "the request body could not be read");
    }

    private static String reason(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return "must be one of " + java.util.Arrays.toString(format.getTargetType().getEnumConstants());
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException invalid) {
            return invalid.getMessage();
        }
        if (e instanceof InvalidFormatException format) {
            return "has an invalid value '" + format.getValue() + "'";
        }
        return "has the wrong type or shape";
    }

    private static ProblemDetail invalid(List<FieldProblem> errors) {
        String fields = errors.stream().map(FieldProblem::field).distinct().collect(Collectors.joining(", "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "invalid field(s): " + fields);
        problem.setProperty("errors", errors);
        return problem;
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
