package cn.qinglong.dangjian.command.web;

import cn.qinglong.dangjian.command.security.MemberScope;
import cn.qinglong.dangjian.command.shared.CommandConfiguration;
import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.eventstore.AppendedEvents;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundCommand;
import cn.qinglong.dangjian.kernel.member.MemberCommand;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionCommand;
import cn.qinglong.dangjian.kernel.organization.OrganizationCommand;
import cn.qinglong.dangjian.security.Caller;
import cn.qinglong.dangjian.security.problem.InvalidInput;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Sends a command with the caller's audit metadata and turns the outcome into the API's receipt. */
@Component
public record CommandDispatcher(CommandGateway commandGateway, JdbcTemplate jdbc, HttpServletRequest request,
                                AppendedEvents appendedEvents, MemberScope scope, Cache aggregates) {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Pattern PRINTABLE = Pattern.compile("[\\p{L}\\p{N}\\p{P}\\p{Zs}]{1,100}");

    public ResponseEntity<Receipt> update(String aggregateId, Object command) {
        Sent sent;
        try {
            sent = send(aggregateId, command);
        } catch (IncompatibleAggregateException otherKindOfStream) {
            throw new NotFound(kind(command), aggregateId);
        }
        return respond(aggregateId, sent.appended(), HttpStatus.OK);
    }

    /** Creation answers 201 the first time and 200 for an idempotent repeat with the same id and body. */
    public ResponseEntity<Receipt> create(String aggregateId, Object command) {
        Sent sent;
        try {
            sent = send(aggregateId, command);
        } catch (IncompatibleAggregateException otherKindOfStream) {
            throw new IdConflict("id '" + aggregateId + "' is already used by another kind of record");
        }
        return respond(aggregateId, sent.appended(),
                Boolean.FALSE.equals(sent.result()) ? HttpStatus.OK : HttpStatus.CREATED);
    }

    private static String kind(Object command) {
        if (command instanceof MemberCommand) {
            return "member";
        }
        if (command instanceof EvaluationRoundCommand) {
            return "evaluation round";
        }
        if (command instanceof SuggestionCommand) {
            return "suggestion";
        }
        return command instanceof OrganizationCommand ? "organization" : "study day";
    }

    /** The handler's result, and where the command's last event in the aggregate's stream landed if it appended any. */
    private record Sent(Object result, Optional<AppendedEvents.Position> appended) {
    }

    /** The acting principal (the token's {@code preferred_username}, else its subject) becomes the events' actor. */
    private Sent send(String aggregateId, Object command) {
        scope.check(command);
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(CommandConfiguration.ACTOR, Caller.current().name());
        String requestId = header(REQUEST_ID_HEADER, null);
        if (requestId != null) {
            metadata.put(CommandConfiguration.REQUEST_ID, requestId);
        }
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command)
                .withMetaData(MetaData.from(metadata));
        if (!aggregates.containsKey(aggregateId)) {
            return sendOnce(aggregateId, message);
        }
        Sent sent;
        try {
            sent = sendOnce(aggregateId, message);
        } catch (RuntimeException failure) {
            if (refusal(failure) || refusal(failure.getCause())) {
                return confirmOnTheStoredStream(aggregateId, message);
            }
            throw failure;
        }
        return sent.appended().isPresent() ? sent : confirmOnTheStoredStream(aggregateId, message);
    }

    /** A refusal that the aggregate's state decided, stale or not (an If-Match compares with its version). */
    private static boolean refusal(Throwable failure) {
        return failure instanceof RuleViolation || failure instanceof NotFound || failure instanceof IdConflict
                || failure instanceof ConflictingAggregateVersionException;
    }

    /**
     * A command decided on a cached aggregate that appended nothing (a refusal, an idempotent repeat, a no-op) met no
     * unique key that would have told it that another node changed the stream meanwhile; so it is decided once more
     * on the stream as stored. Appending commands need no such check: a stale aggregate's append is refused and
     * retried on the reloaded stream.
     */
    private Sent confirmOnTheStoredStream(String aggregateId, CommandMessage<Object> message) {
        aggregates.remove(aggregateId);
        return sendOnce(aggregateId, message);
    }

    private Sent sendOnce(String aggregateId, CommandMessage<Object> message) {
        appendedEvents.watch(message.getIdentifier());
        Object result;
        Optional<AppendedEvents.Position> appended;
        try {
            result = commandGateway.sendAndWait(message);
        } finally {
            appended = appendedEvents.take(message.getIdentifier(), aggregateId);
        }
        return new Sent(result, appended);
    }

    private String header(String name, String fallback) {
        String value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        value = utf8(value);
        if (!PRINTABLE.matcher(value).matches()) {
            throw new InvalidInput(name, "must be 1-100 printable characters");
        }
        return value;
    }

    /** Servlet containers read header bytes as ISO-8859-1; clients may send UTF-8. */
    private static String utf8(String latin1) {
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return latin1;
        }
    }

    /**
     * The receipt names the aggregate's version and the global index of its latest event: those of the event this
     * command appended last, as the store reported them on insert; when it appended nothing (an idempotent repeat, a
     * no-op), the stream's head is read.
     */
    private ResponseEntity<Receipt> respond(String aggregateId, Optional<AppendedEvents.Position> appended,
                                            HttpStatus status) {
        Receipt receipt = appended.filter(at -> at.globalIndex() != AppendedEvents.UNKNOWN)
                .map(at -> new Receipt(aggregateId, at.sequenceNumber(), at.globalIndex()))
                .orElseGet(() -> head(aggregateId));
        return ResponseEntity.status(status)
                .header(HttpHeaders.ETAG, Versions.etag(receipt.version()))
                .body(receipt);
    }

    private Receipt head(String aggregateId) {
        return jdbc.queryForObject("""
                        SELECT globalIndex, sequenceNumber FROM DomainEventEntry
                        WHERE aggregateIdentifier = ? ORDER BY sequenceNumber DESC LIMIT 1""",
                (rs, row) -> new Receipt(aggregateId, rs.getLong(2), rs.getLong(1)), aggregateId);
    }
}
