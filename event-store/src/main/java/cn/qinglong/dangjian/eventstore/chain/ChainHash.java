package cn.qinglong.dangjian.eventstore.chain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tamper-evidence chain of one stream. Each stored event's metadata carries {@value #KEY}: the SHA-256, in
 * lower-case hex, of these bytes (docs/auditors.md documents the same form):
 *
 * <pre>
 * previous event's chainHash (64 hex characters; 64 zeros for sequence 0) LF
 * aggregateIdentifier LF
 * sequenceNumber in decimal LF
 * payloadType LF
 * payloadRevision (empty when none) LF
 * timeStamp exactly as stored LF
 * the stored payload bytes LF
 * the stored metaData bytes with the text ,"chainHash":"&lt;hex&gt;" (or "chainHash":"&lt;hex&gt;" when it is the
 * only member) removed
 * </pre>
 *
 * The stored metadata is compact JSON with the hash as its last member, so removing that one member gives back
 * exactly the bytes that were hashed: an auditor re-serialises nothing.
 */
public final class ChainHash {

    public static final String KEY = "chainHash";
    public static final String GENESIS = "0".repeat(64);
    private static final byte LF = '\n';
    private static final HexFormat HEX = HexFormat.of();

    private ChainHash() {
    }

    /** The facts of one stored row that the hash covers. */
    public record Row(String aggregateIdentifier, long sequenceNumber, String payloadType, String payloadRevision,
                      String timeStamp, byte[] payload, byte[] metaData) {
    }

    public static String compute(String previousHash, Row row) {
        return compute(previousHash, row.aggregateIdentifier(), row.sequenceNumber(), row.payloadType(),
                row.payloadRevision(), row.timeStamp(), row.payload(), withoutHash(row.metaData()));
    }

    /** {@code hashedMetaData} is the metadata JSON without the chain hash member. */
    public static String compute(String previousHash, String aggregateIdentifier, long sequenceNumber,
                                 String payloadType, String payloadRevision, String timeStamp, byte[] payload,
                                 byte[] hashedMetaData) {
        MessageDigest digest = sha256();
        line(digest, previousHash);
        line(digest, aggregateIdentifier);
        line(digest, Long.toString(sequenceNumber));
        line(digest, payloadType);
        line(digest, payloadRevision == null ? "" : payloadRevision);
        line(digest, timeStamp);
        digest.update(payload);
        digest.update(LF);
        digest.update(hashedMetaData);
        return HEX.formatHex(digest.digest());
    }

    /** The metadata bytes to store: the hashed JSON object with the chain hash appended as its last member. */
    public static byte[] withHash(byte[] hashedMetaData, String hash) {
        int length = hashedMetaData.length;
        if (length < 2 || hashedMetaData[0] != '{' || hashedMetaData[length - 1] != '}') {
            throw new IllegalArgumentException("metadata must be a compact JSON object");
        }
        String member = (length == 2 ? "" : ",") + member(hash) + "}";
        var out = new ByteArrayOutputStream(length + member.length());
        out.write(hashedMetaData, 0, length - 1);
        out.writeBytes(member.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * The stored metadata bytes with the chain hash member taken out: the bytes that were hashed. Metadata that
     * does not end with the chain hash member is answered unchanged, so it cannot verify.
     */
    public static byte[] withoutHash(byte[] storedMetaData) {
        String hash = hashIn(storedMetaData);
        if (hash == null) {
            return storedMetaData;
        }
        String text = new String(storedMetaData, StandardCharsets.ISO_8859_1);
        String last = "," + member(hash) + "}";
        String only = "{" + member(hash) + "}";
        if (text.equals(only)) {
            return "{}".getBytes(StandardCharsets.US_ASCII);
        }
        return (text.substring(0, text.length() - last.length()) + "}").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The chain hash the stored metadata carries as its last member, or null when it carries none. */
    public static String hashIn(byte[] storedMetaData) {
        if (storedMetaData == null) {
            return null;
        }
        String text = new String(storedMetaData, StandardCharsets.ISO_8859_1);
        String prefix = "\"" + KEY + "\":\"";
        int at = text.length() - prefix.length() - 64 - 2;
        if (at < 1 || !text.startsWith(prefix, at) || !text.endsWith("\"}")
                || (text.charAt(at - 1) != ',' && at != 1)) {
            return null;
        }
        String hash = text.substring(at + prefix.length(), at + prefix.length() + 64);
        return hash.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) ? hash : null;
    }

    private static String member(String hash) {
        return "\"" + KEY + "\":\"" + hash + "\"";
    }

    private static void line(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update(LF);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
