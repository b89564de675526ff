package cn.qinglong.dangjian.eventstore.personal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKey;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * The snapshot serializer of the store: a snapshot is an aggregate's whole state, personal data included, so its
 * payload is stored sealed (AES-GCM, {@code {"$sealed":"<Base64>"}}) with a key derived from the master key. Erasing
 * a member's personal data deletes the member's snapshots in the same transaction ({@link MemberKeys#erase}), so
 * no copy of it outlives the member's key. Snapshots stored unsealed earlier still read.
 */
public final class SealedSnapshotSerializer extends DelegatingSerializer {

    private static final byte[] PREFIX = "{\"$sealed\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "\"}".getBytes(StandardCharsets.US_ASCII);

    private final SecretKey key;

    public SealedSnapshotSerializer(Serializer delegate, MasterKey master) {
        super(delegate);
        this.key = master.derive("snapshots");
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object == null || object instanceof MetaData) {
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<byte[]> plain = delegate.serialize(object, byte[].class);
        byte[] sealed = Base64.getEncoder().encode(
                Aead.seal(key, plain.getData(), "snapshot\n" + plain.getType().getName()));
        byte[] stored = new byte[PREFIX.length + sealed.length + SUFFIX.length];
        System.arraycopy(PREFIX, 0, stored, 0, PREFIX.length);
        System.arraycopy(sealed, 0, stored, PREFIX.length, sealed.length);
        System.arraycopy(SUFFIX, 0, stored, PREFIX.length + sealed.length, SUFFIX.length);
        return delegate.getConverter().convert(new SimpleSerializedObject<>(stored, byte[].class, plain.getType()),
                expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        byte[] data = delegate.getConverter().convert(serialized, byte[].class).getData();
        if (!sealed(data)) {
            return delegate.deserialize(serialized);
        }
        byte[] seal = Base64.getDecoder().decode(Arrays.copyOfRange(data, PREFIX.length, data.length - SUFFIX.length));
        byte[] plain = Aead.open(key, seal, "snapshot\n" + serialized.getType().getName());
        return delegate.deserialize(new SimpleSerializedObject<>(plain, byte[].class, serialized.getType()));
    }

    private static boolean sealed(byte[] data) {
        return data.length > PREFIX.length + SUFFIX.length
                && Arrays.equals(data, 0, PREFIX.length, PREFIX, 0, PREFIX.length)
                && Arrays.equals(data, data.length - SUFFIX.length, data.length, SUFFIX, 0, SUFFIX.length);
    }
}
