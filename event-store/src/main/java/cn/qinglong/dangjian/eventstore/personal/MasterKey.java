package cn.qinglong.dangjian.eventstore.personal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one secret of the service: an AES-256 key that wraps every member's key (and seals snapshots). It comes from
 * configuration ({@code EVENTSTORE_MASTER_KEY}, 32 bytes in Base64) or, on the embedded default, from a file that
 * the first service to start generates ({@code $DATA_DIR/master.key}). Lose it and every member's personal data is
 * lost with it; both services must use the same one.
 */
public final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private final SecretKey key;

    private MasterKey(byte[] bytes) {
        if (bytes.length != Aead.KEY_BYTES) {
            throw new IllegalStateException("the master key must be " + Aead.KEY_BYTES + " bytes (Base64 of 32 "
                    + "random bytes, e.g. `openssl rand -base64 32`), not " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public static MasterKey of(String base64) {
        try {
            return new MasterKey(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the master key is not valid Base64", e);
        }
    }

    /** The key in the file, or a new random one written to it (readable by its owner only) when there is none. */
    public static MasterKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Path folder = cn.qinglong.dangjian.eventstore.PrivateFiles.folder(file.toAbsolutePath().getParent());
                String generated = Base64.getEncoder().encodeToString(Aead.newKey().getEncoded()) + "\n";
                Path temporary = Files.createTempFile(folder, "master", ".tmp");
                try {
                    ownerOnly(temporary);
                    Files.writeString(temporary, generated, StandardCharsets.US_ASCII);
                    // a link is atomic and refuses to replace: two services starting at once agree on one key
                    Files.createLink(file, temporary);
                    log.warn("Generated a new master key in {}: back it up, without it the personal data in the "
                            + "event store cannot be read", file.toAbsolutePath());
                } catch (FileAlreadyExistsException raced) {
                    log.info("Another service generated the master key in {} first", file.toAbsolutePath());
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            return of(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file.toAbsolutePath(), e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file keeps the folder's access rules
        }
    }

    byte[] wrap(SecretKey memberKey, String memberId) {
        return Aead.seal(key, memberKey.getEncoded(), "member-key\n" + memberId);
    }

    SecretKey unwrap(byte[] wrapped, String memberId) {
        return new SecretKeySpec(Aead.open(key, wrapped, "member-key\n" + memberId), "AES");
    }

    /** A key of its own for one purpose, derived from the master key (HMAC-SHA256 of the purpose). */
    SecretKey derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return new SecretKeySpec(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
        }
    }
}
