package cn.qinglong.dangjian.command.web;

import cn.qinglong.dangjian.security.problem.FailureMeaning;
import cn.qinglong.dangjian.security.problem.NotFound;
import cn.qinglong.dangjian.security.problem.ProblemAdvice;
import cn.qinglong.dangjian.security.problem.Refusal;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;

/**
 * What the event store's failures mean to a client: an unknown aggregate 404, an {@code If-Match} that no longer
 * holds 409 with the current version, two writers at one moment 409; a store that does not answer (even when the
 * failure does not say "connection": a pooled connection killed mid-use) 503.
 */
@Component
class AxonFailures implements FailureMeaning {

    private final DataSource dataSource;

    AxonFailures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public ErrorResponse refusal(Throwable failure) {
        for (Throwable cause : FailureMeaning.causes(failure)) {
            if (cause instanceof AggregateNotFoundException e) {
                return new NotFound("'" + e.getAggregateIdentifier() + "' does not exist");
            }
            if (cause instanceof ConflictingAggregateVersionException e) {
                return new Refusal(HttpStatus.CONFLICT, "version-conflict", "Version conflict",
                        "If-Match expected version " + e.getExpectedVersion() + " but the current version is "
                                + e.getActualVersion())
                        .with("currentVersion", e.getActualVersion())
                        .header(HttpHeaders.ETAG, Versions.etag(e.getActualVersion()));
            }
            if (cause instanceof ConcurrencyException) {
                return new Refusal(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                        "another command changed the same record at the same moment; retry the request");
            }
        }
        return ProblemAdvice.unreachable(failure) || !storeAnswers() ? ProblemAdvice.unavailable() : null;
    }

    private boolean storeAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
