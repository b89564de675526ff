package cn.qinglong.dangjian.eventstore;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognises a second append at an existing (stream, sequence) anywhere in the cause chain, on PostgreSQL and H2
 * alike (SQLSTATE 23505), so Axon reports a retryable {@code ConcurrencyException} rather than a plain store error.
 */
final class UniqueViolations implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
