package cn.qinglong.dangjian.security;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded default's RSA signing key, one row of {@code local_signing_key} in the event-store database: created by
 * whichever service starts first (the other loses the insert race and reads the winner's row).
 */
public final class LocalSigningKey {

    static final String KEY_ID = "local";

    private final RSAPublicKey publicKey;
    private final RSAPrivateKey privateKey;

    private LocalSigningKey(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    public static LocalSigningKey loadOrCreate(JdbcTemplate jdbc) {
        LocalSigningKey stored = load(jdbc);
        if (stored != null) {
            return stored;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            jdbc.update("INSERT INTO local_signing_key (key_id, private_key, public_key, created_at) VALUES (?, ?, ?, ?)",
                    KEY_ID, base64.encodeToString(pair.getPrivate().getEncoded()),
                    base64.encodeToString(pair.getPublic().getEncoded()), System.currentTimeMillis());
        } catch (DataIntegrityViolationException otherServiceWasFirst) {
            // the other service created it a moment ago: read theirs below
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the local signing key", e);
        }
        return load(jdbc);
    }

    private static LocalSigningKey load(JdbcTemplate jdbc) {
        List<LocalSigningKey> rows = jdbc.query("SELECT private_key, public_key FROM local_signing_key WHERE key_id = ?",
                (rs, row) -> decode(rs.getString(1), rs.getString(2)), KEY_ID);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static LocalSigningKey decode(String privateKey, String publicKey) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            Base64.Decoder base64 = Base64.getDecoder();
            return new LocalSigningKey(
                    (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(base64.decode(publicKey))),
                    (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(privateKey))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored local signing key is unreadable", e);
        }
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    RSAPrivateKey privateKey() {
        return privateKey;
    }
}
