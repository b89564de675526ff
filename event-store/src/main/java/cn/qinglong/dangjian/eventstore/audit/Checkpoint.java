package cn.qinglong.dangjian.eventstore.audit;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One signed commitment to the event log: the RFC 9162 root of the first {@code treeSize} events in global order,
 * and the root of the heads tree (each stream's last event among them, streams sorted by {@link Leaf#STREAM_ORDER}).
 * The signature is Ed25519 over {@link #signedText()}.
 *
 * @param number         1, 2, 3, ... in the order they were made
 * @param treeSize       how many events the log tree holds
 * @param rootHash       the log tree's root, hex
 * @param headsCount     how many streams the heads tree holds
 * @param headsRoot      the heads tree's root, hex
 * @param coveredThrough the global index of the last event committed (every stored event up to it is in the tree)
 * @param time           when the checkpoint was made, ISO-8601 UTC
 * @param keyId          the first 16 hex characters of the SHA-256 of the signing public key (X.509 DER)
 * @param signature      Base64 of the Ed25519 signature
 */
public record Checkpoint(long number, long treeSize, String rootHash, long headsCount, String headsRoot,
                         long coveredThrough, String time, String keyId, String signature) {

    public static final String FORMAT = "dangjian-checkpoint/1";

    /** The exact bytes signed: one line per field, LF-terminated, in this order. */
    public String signedText() {
        return FORMAT + "\n"
                + "number " + number + "\n"
                + "treeSize " + treeSize + "\n"
                + "rootHash " + rootHash + "\n"
                + "headsCount " + headsCount + "\n"
                + "headsRoot " + headsRoot + "\n"
                + "coveredThrough " + coveredThrough + "\n"
                + "time " + time + "\n"
                + "keyId " + keyId + "\n";
    }

    public byte[] signedBytes() {
        return signedText().getBytes(StandardCharsets.UTF_8);
    }

    public Checkpoint signed(String signature) {
        return new Checkpoint(number, treeSize, rootHash, headsCount, headsRoot, coveredThrough, time, keyId,
                signature);
    }

    /** Compact JSON, fields in the order above. */
    public String toJson() {
        return "{\"number\":" + number + ",\"treeSize\":" + treeSize + ",\"rootHash\":" + Json.quote(rootHash)
                + ",\"headsCount\":" + headsCount + ",\"headsRoot\":" + Json.quote(headsRoot)
                + ",\"coveredThrough\":" + coveredThrough + ",\"time\":" + Json.quote(time)
                + ",\"keyId\":" + Json.quote(keyId) + ",\"signature\":" + Json.quote(signature) + "}";
    }

    /** Reads the JSON form; numbers may also be strings of digits. */
    public static Checkpoint fromJson(Map<String, Object> json) {
        return new Checkpoint(Json.number(json, "number"), Json.number(json, "treeSize"), Json.text(json, "rootHash"),
                Json.number(json, "headsCount"), Json.text(json, "headsRoot"), Json.number(json, "coveredThrough"),
                Json.text(json, "time"), Json.text(json, "keyId"), Json.text(json, "signature"));
    }

    /** Same commitment: everything but the signature bytes equal (Ed25519 signatures are deterministic anyway). */
    public boolean sameAs(Checkpoint other) {
        return signedText().equals(other.signedText());
    }
}
