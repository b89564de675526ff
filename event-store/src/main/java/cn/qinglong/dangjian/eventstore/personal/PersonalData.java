package cn.qinglong.dangjian.eventstore.personal;

import java.time.Duration;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Personal data at rest, for both services: the event serializer that encrypts and decrypts the personal fields
 * of member events, the auditors' view of a stored payload, and the erasure of a member's key. Not itself a
 * {@link Serializer} bean, so that Axon's own serializer beans stay as they are.
 */
public final class PersonalData {

    private final MemberKeys keys;
    private final PersonalDataSerializer serializer;
    private final PersonalDataSerializer sealed;

    /**
     * {@code keyCacheTtl}, {@code keyCacheSize}: see {@link MemberKeys}. {@code decodedCacheSize}: how many decoded
     * payloads and metadata the serializer keeps for other readers of the same events, each for at most
     * {@code keyCacheTtl} (0: none); see {@link PersonalDataSerializer#deserialize}.
     */
    public PersonalData(Serializer eventSerializer, JdbcTemplate jdbc, MasterKey master, Duration keyCacheTtl,
                        int keyCacheSize, int decodedCacheSize) {
        this.keys = new MemberKeys(jdbc, master, keyCacheTtl, keyCacheSize);
        this.serializer = new PersonalDataSerializer(eventSerializer, keys, decodedCacheSize, keyCacheTtl);
        this.sealed = serializer.leavingSealed();
    }

    /** The serializer every reader and writer of stored events goes through. */
    public Serializer eventSerializer() {
        return serializer;
    }

    /**
     * The event serializer for a reader that uses no personal data (the annual statistics): every personal field
     * reads as erased, and no member's key is read or anything decrypted.
     */
    public Serializer eventSerializerLeavingPersonalDataSealed() {
        return sealed;
    }

    /** The stored payload JSON with its personal fields opened, or marked {@code {"$erased":true}}. */
    public JsonNode reveal(String payloadType, byte[] storedPayload) {
        return serializer.reveal(payloadType, storedPayload);
    }

    /**
     * Destroys the member's key and drops the member's snapshots, in the caller's transaction: from its commit on,
     * every personal field of the member's events reads as erased. Answers whether a key was destroyed now.
     */
    public boolean erase(String memberId) {
        boolean destroyed = keys.erase(memberId);
        serializer.forgetDecoded();
        return destroyed;
    }
}
