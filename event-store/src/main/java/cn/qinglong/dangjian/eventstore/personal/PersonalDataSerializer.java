package cn.qinglong.dangjian.eventstore.personal;

import cn.qinglong.dangjian.kernel.common.PersonalData;
import cn.qinglong.dangjian.kernel.common.PersonalData.Path;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberPersonalDataErased;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.SecretKey;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event serializer of the store: Axon's Jackson 3 serializer, with the personal fields of member events
 * (the components marked {@link cn.qinglong.dangjian.kernel.common.Personal}, read by {@link PersonalData#paths})
 * encrypted in the stored JSON. Each such field's value is replaced by
 * {@code {"$encrypted":"<Base64 of nonce, ciphertext, tag>"}}: the AES-GCM seal of the value's JSON with the member's key ({@link MemberKeys}), bound to
 * the member, the event type and the field. Everything else of the payload stays readable JSON, exactly as before.
 *
 * <p>Reading, a sealed field is opened again with the member's key; once the key was destroyed (erasure) the field
 * reads as erased: null, or an empty set of care needs, in the event, and {@code {"$erased":true}} in
 * {@link #reveal the auditors' view of the stored JSON}. Payloads written before encryption existed hold plain
 * values and read as they are, so an event's revision does not change with its stored form.
 *
 * <p>Why here: every reader of events (aggregates, projections, the auditors' history, the integration stream and
 * publisher) reads through this serializer, so none of them handles ciphertext or keys; and the chain hash covers
 * the stored bytes, which erasure never touches, so every chain still verifies after an erasure.
 */
final class PersonalDataSerializer extends DelegatingSerializer {

    private static final String ENCRYPTED = "$encrypted";
    private static final String ERASED = "$erased";
    private static final String MEMBER_ID = "memberId";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MemberKeys keys;
    /**
     * What was decoded lately (payloads and metadata), by stored type and bytes; null when nothing is kept. Every
     * projection is a processor of its own that reads every event, so without it each event is decrypted and parsed
     * once per projection. An entry lives no longer than the member keys' cache ({@link MemberKeys}), so an erasure is
     * noticed within the same time as there; and all are dropped whenever this node erases a key or reads an erasure.
     */
    private final Cache<Stored, Object> decoded;
    /** A plain mapper: it re-writes the delegate's compact JSON unchanged apart from the sealed values. */
    private final JsonMapper json = JsonMapper.builder().build();

    /** A stored type and its bytes, one char per byte (so the hash is computed once). */
    private record Stored(String type, String revision, String data) {
    }

    /** False for {@link #leavingSealed}: every sealed value reads as erased, and no key is read. */
    private final boolean opens;

    /** Keeps at most {@code decodedSize} decoded values, each for {@code keyCacheTtl} (0 for either: none). */
    PersonalDataSerializer(Serializer delegate, MemberKeys keys, int decodedSize, Duration keyCacheTtl) {
        this(delegate, keys, decodedSize > 0 && !keyCacheTtl.isZero() && !keyCacheTtl.isNegative()
                ? Caffeine.newBuilder().maximumSize(decodedSize).expireAfterWrite(keyCacheTtl).build()
                : null, true);
    }

    private PersonalDataSerializer(Serializer delegate, MemberKeys keys, Cache<Stored, Object> decoded,
                                   boolean opens) {
        super(delegate);
        this.keys = keys;
        this.decoded = decoded;
        this.opens = opens;
    }

    /**
     * The same serializer for a reader that uses no personal data: every sealed value reads as it does once erased,
     * without reading the member's key or decrypting, and nothing it decodes is kept for other readers.
     */
    PersonalDataSerializer leavingSealed() {
        return new PersonalDataSerializer(delegate, keys, null, false);
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        List<Path> paths = object == null ? List.of() : personalPaths(object.getClass());
        if (paths.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<byte[]> plain = delegate.serialize(object, byte[].class);
        ObjectNode payload = (ObjectNode) json.readTree(plain.getData());
        String memberId = payload.get(MEMBER_ID).asString();
        String type = plain.getType().getName();
        SecretKey[] key = {null};
        boolean sealed = transform(payload, paths, (path, value) -> {
            if (key[0] == null) {
                key[0] = keys.forEncryption(memberId);
            }
            byte[] seal = Aead.seal(key[0], json.writeValueAsBytes(value), associatedData(memberId, type, path));
            return NODES.objectNode().put(ENCRYPTED, Base64.getEncoder().encodeToString(seal));
        });
        SerializedObject<byte[]> stored = sealed
                ? new SimpleSerializedObject<>(json.writeValueAsBytes(payload), byte[].class, plain.getType())
                : plain;
        return delegate.getConverter().convert(stored, expectedRepresentation);
    }

    /**
     * Reads through {@link #decoded}: the same stored bytes decode to the same (immutable) object, so the projections
     * that each read the same event share one decryption and one parse.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        Class<?> type = classOrNull(serialized.getType());
        if (type == MemberPersonalDataErased.class) {
            T event = delegate.deserialize(serialized);
            keys.forget(((MemberPersonalDataErased) event).memberId().value());
            forgetDecoded();
            return event;
        }
        if (type == null || decoded == null) {
            return decode(serialized, type);
        }
        byte[] data = delegate.getConverter().convert(serialized, byte[].class).getData();
        Stored key = new Stored(serialized.getType().getName(), serialized.getType().getRevision(),
                new String(data, StandardCharsets.ISO_8859_1));
        Object cached = decoded.getIfPresent(key);
        if (cached != null) {
            return (T) cached;
        }
        T value = decode(new SimpleSerializedObject<>(data, byte[].class, serialized.getType()), type);
        if (value != null) {
            decoded.put(key, value);
        }
        return value;
    }

    /** Forgets every decoded value: a key was destroyed. */
    void forgetDecoded() {
        if (decoded != null) {
            decoded.invalidateAll();
        }
    }

    private <S, T> T decode(SerializedObject<S> serialized, Class<?> type) {
        List<Path> paths = type == null ? List.of() : personalPaths(type);
        if (paths.isEmpty()) {
            return delegate.deserialize(serialized);
        }
        byte[] data = delegate.getConverter().convert(serialized, byte[].class).getData();
        ObjectNode payload = (ObjectNode) json.readTree(data);
        if (!open(payload, serialized.getType().getName(), paths, PersonalDataSerializer::erasedValue)) {
            return delegate.deserialize(serialized);
        }
        return delegate.deserialize(new SimpleSerializedObject<>(json.writeValueAsBytes(payload), byte[].class,
                serialized.getType()));
    }

    /**
     * The stored payload for an auditor: the JSON as stored, with each sealed value opened, or
     * {@code {"$erased":true}} in its place once the member's key was destroyed.
     */
    JsonNode reveal(String payloadType, byte[] storedPayload) {
        JsonNode payload = json.readTree(storedPayload);
        Class<?> type = classOrNull(new SimpleSerializedType(payloadType, null));
        if (type != null && payload instanceof ObjectNode object) {
            open(object, payloadType, personalPaths(type), erased -> NODES.objectNode().put(ERASED, true));
        }
        return payload;
    }

    /** Opens the sealed values in place; answers whether there were any. */
    private boolean open(ObjectNode payload, String type, List<Path> paths, Function<Path, JsonNode> whenErased) {
        JsonNode member = payload.get(MEMBER_ID);
        if (paths.isEmpty() || member == null || !member.isString()) {
            return false;
        }
        String memberId = member.asString();
        @SuppressWarnings("unchecked")
        Optional<SecretKey>[] key = new Optional[1];
        return transform(payload, paths, (path, value) -> {
            JsonNode seal = value.isObject() && value.size() == 1 ? value.get(ENCRYPTED) : null;
            if (seal == null || !seal.isString()) {
                return value; // written before encryption existed
            }
            if (!opens) {
                return whenErased.apply(path);
            }
            if (key[0] == null) {
                key[0] = keys.forDecryption(memberId);
            }
            if (key[0].isEmpty()) {
                return whenErased.apply(path);
            }
            byte[] plain = Aead.open(key[0].get(), Base64.getDecoder().decode(seal.asString()),
                    associatedData(memberId, type, path));
            return json.readTree(plain);
        });
    }

    private static JsonNode erasedValue(Path path) {
        return path.emptyWhenErased() ? NODES.arrayNode() : NODES.nullNode();
    }

    /** Only a member's own events carry personal data (and the member id their key belongs to). */
    private static List<Path> personalPaths(Class<?> type) {
        return MemberEvent.class.isAssignableFrom(type) ? PersonalData.paths(type) : List.of();
    }

    private interface ValueTransform {
        JsonNode apply(Path path, JsonNode value);
    }

    /** Replaces each non-null value at the paths; answers whether any was replaced. */
    private static boolean transform(ObjectNode payload, List<Path> paths, ValueTransform transform) {
        boolean any = false;
        for (Path path : paths) {
            JsonNode node = payload;
            for (String object : path.objects()) {
                node = node == null ? null : node.get(object);
            }
            if (!(node instanceof ObjectNode parent)) {
                continue;
            }
            JsonNode value = parent.get(path.field());
            if (value == null || value.isNull()) {
                continue;
            }
            if (path.eachElement()) {
                if (value instanceof ArrayNode array) {
                    for (int i = 0; i < array.size(); i++) {
                        if (!array.get(i).isNull()) {
                            array.set(i, transform.apply(path, array.get(i)));
                            any = true;
                        }
                    }
                }
            } else {
                parent.set(path.field(), transform.apply(path, value));
                any = true;
            }
        }
        return any;
    }

    private static String associatedData(String memberId, String type, Path path) {
        return memberId + "\n" + type + "\n" + path.expression();
    }

    private Class<?> classOrNull(SerializedType type) {
        Class<?> resolved = delegate.classForType(type);
        return resolved == UnknownSerializedType.class ? null : resolved;
    }
}
