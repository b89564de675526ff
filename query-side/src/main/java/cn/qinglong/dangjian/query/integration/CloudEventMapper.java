package cn.qinglong.dangjian.query.integration;

import cn.qinglong.dangjian.eventstore.audit.Checkpoint;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a stored event into the CloudEvents 1.0 envelope both the SSE stream and the AMQP publisher send:
 * {@code id} = the event's identifier (stable across re-sends, so consumers dedupe by it), {@code type} from
 * {@link EventTypes}, {@code source} = the aggregate's collection, {@code subject} = the aggregate id,
 * {@code time} = when the event was recorded, {@code data} = the redacted payload as JSON, and two extensions:
 * {@code position} (global index) and {@code aggregateversion} (the event's sequence number in its aggregate). The SDK
 * writes these 64-bit numbers as strings of digits, as the CloudEvents type system has only 32-bit integers.
 *
 * <p>The envelope is written by the CloudEvents SDK's Jackson 2 format (the SDK is built on Jackson 2); the payload
 * inside is written by Jackson 3 like everything else this service serves, and Spring MVC's Jackson 3 converters
 * are untouched.
 */
public final class CloudEventMapper {

    public static final String STRUCTURED_CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    private final PersonalDataRedaction redaction;
    private final JsonMapper json;
    private final EventFormat format = new JsonFormat();

    public CloudEventMapper(JsonMapper json) {
        this.json = json;
        this.redaction = new PersonalDataRedaction(json);
    }

    /** The CloudEvents type of a signed checkpoint (see the query side's audit package). */
    public static final String CHECKPOINT_TYPE = "cn.qinglong.dangjian.audit.Checkpoint.v1";

    /**
     * A signed checkpoint as its own CloudEvent: {@code id} names its number and its content (a store rebuilt and
     * re-signed gives a new id, so a consumer deduping by id keeps both and sees the fork), {@code subject} its number,
     * {@code data} the checkpoint JSON the verifier reads, {@code position} the last global index it commits to.
     */
    public IntegrationEvent checkpoint(Checkpoint checkpoint) {
        String digest = java.util.HexFormat.of().formatHex(sha256(checkpoint.signedBytes()), 0, 8);
        CloudEvent event = CloudEventBuilder.v1()
                .withId("checkpoint-" + checkpoint.number() + "-" + digest)
                .withType(CHECKPOINT_TYPE)
                .withSource(java.net.URI.create("/dangjian/audit/checkpoints"))
                .withSubject(Long.toString(checkpoint.number()))
                .withTime(OffsetDateTime.ofInstant(java.time.Instant.parse(checkpoint.time()), ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(checkpoint.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .withExtension("position", checkpoint.coveredThrough())
                .build();
        return new IntegrationEvent(checkpoint.coveredThrough(), null, event, format.serialize(event));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public IntegrationEvent map(long position, EventMessage<?> message) {
        return map(position, message, false);
    }

    /** With {@code personalData} (an integration token with scope {@code personal-data}) nothing is left out. */
    public IntegrationEvent map(long position, EventMessage<?> message, boolean personalData) {
        Object payload = message.getPayload();
        EventTypes.EventType type = EventTypes.of(payload.getClass()).orElseThrow(() ->
                new IllegalStateException("Not a published event type: " + payload.getClass().getName()));
        String aggregateId = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withType(type.cloudEventType())
                .withSource(type.source())
                .withTime(OffsetDateTime.ofInstant(message.getTimestamp(), ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(json.writeValueAsBytes(personalData ? payload : redaction.redact(payload)))
                .withExtension("position", position);
        if (aggregateId != null) {
            builder.withSubject(aggregateId)
                    .withExtension("aggregateversion", ((DomainEventMessage<?>) message).getSequenceNumber());
        }
        CloudEvent event = builder.build();
        return new IntegrationEvent(position, aggregateId, event, format.serialize(event));
    }
}
