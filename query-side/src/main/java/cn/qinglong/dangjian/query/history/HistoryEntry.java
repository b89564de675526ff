package cn.qinglong.dangjian.query.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import tools.jackson.databind.JsonNode;

/**
 * One event of a member's history. {@code occurredAt} is the business date the payload names, {@code recordedAt}
 * when the store took it; {@code payload} and {@code metadata} are the stored JSON as recorded (its shape is the
 * one of {@code revision}), {@code metadata.chainHash} included, except that the payload's personal fields, stored
 * encrypted, show their decrypted value, or {@code {"$erased":true}} once the member's personal data was erased.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HistoryEntry(long sequence, String type, LocalDate occurredAt, Instant recordedAt, String recordedBy,
                    String correlationId, String requestId, String eventId, long position, String revision,
                    JsonNode payload, JsonNode metadata) {
}
