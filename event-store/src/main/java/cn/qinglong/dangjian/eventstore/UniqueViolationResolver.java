package cn.qinglong.dangjian.eventstore;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon that an append collided with the store's unique (aggregateIdentifier, sequenceNumber) key, so it
 * raises a {@code ConcurrencyException} and the command gateway retries the losing command. Axon's
 * {@code JdbcSQLErrorCodesResolver} looks only for {@link SQLIntegrityConstraintViolationException} in the cause
 * chain, which neither pgjdbc nor H2 raise for a batched insert: they raise a {@code BatchUpdateException} with
 * SQLState 23505 (unique violation), the detail in its next-exception chain.
 */
public final class UniqueViolationResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final int DEPTH = 16;

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        int depth = 0;
        for (Throwable t = exception; t != null && depth < DEPTH; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql && uniqueViolation(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean uniqueViolation(SQLException first) {
        int depth = 0;
        for (SQLException e = first; e != null && depth < DEPTH; e = e.getNextException(), depth++) {
            if (e instanceof SQLIntegrityConstraintViolationException || UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
