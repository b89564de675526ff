package cn.qinglong.dangjian.eventstore.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Ed25519 key that signs checkpoints, from the JDK alone. It is kept out of the event store on purpose: whoever
 * can write the database must not be able to sign a rewritten log. Its text form is PEM, the private key as PKCS#8
 * ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl genpkey -algorithm ed25519} writes) optionally followed by
 * the public key as X.509 ({@code -----BEGIN PUBLIC KEY-----}). Outsiders get only the public key and its id: the
 * first 16 hex characters of the SHA-256 of its X.509 DER bytes.
 */
public final class CheckpointKey {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private CheckpointKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey);
        byte[] probe = "checkpoint key probe".getBytes(StandardCharsets.UTF_8);
        if (!verify(publicKey, probe, sign(probe))) {
            throw new IllegalStateException("the checkpoint key's public key does not match its private key");
        }
    }

    public static CheckpointKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new CheckpointKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime provides no Ed25519", e);
        }
    }

    /** A private key (and optionally its public key) in PEM. */
    public static CheckpointKey fromPem(String pem) {
        byte[] privateDer = block(pem, "PRIVATE KEY");
        if (privateDer == null) {
            throw new IllegalStateException("the checkpoint key has no -----BEGIN PRIVATE KEY----- block (PKCS#8 "
                    + "Ed25519, e.g. from `openssl genpkey -algorithm ed25519`)");
        }
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(privateDer));
            byte[] publicDer = block(pem, "PUBLIC KEY");
            PublicKey publicKey = publicDer != null ? publicKey(publicDer) : derivePublic(privateKey);
            return new CheckpointKey(privateKey, publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the checkpoint key is not an Ed25519 private key in PKCS#8", e);
        }
    }

    /** The key in the file, or a new one written there (owner-only) when the file does not exist. */
    public static CheckpointKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Path folder = file.toAbsolutePath().getParent();
                Files.createDirectories(folder);
                Path temporary = Files.createTempFile(folder, "checkpoint", ".tmp");
                try {
                    try {
                        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException notPosix) {
                        // Windows: the file keeps the folder's access rules
                    }
                    Files.writeString(temporary, generate().toPem(), StandardCharsets.US_ASCII);
                    // a link is atomic and refuses to replace: two nodes starting at once agree on one key
                    Files.createLink(file, temporary);
                } catch (FileAlreadyExistsException raced) {
                    // another process wrote it first; it is read below
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the checkpoint key file " + file.toAbsolutePath(), e);
        }
    }

    public String toPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded()) + publicKeyPem();
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    public String sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the checkpoint key", e);
        }
    }

    /** Fills in the key id and signs. */
    public Checkpoint sign(Checkpoint unsigned) {
        Checkpoint withKey = new Checkpoint(unsigned.number(), unsigned.treeSize(), unsigned.rootHash(),
                unsigned.headsCount(), unsigned.headsRoot(), unsigned.coveredThrough(), unsigned.time(), keyId, null);
        return withKey.signed(sign(withKey.signedBytes()));
    }

    // ---- what outsiders use ----

    /** A public key from PEM ({@code -----BEGIN PUBLIC KEY-----}) or bare Base64 of its X.509 DER bytes. */
    public static PublicKey publicKeyFromText(String text) {
        byte[] der = block(text, "PUBLIC KEY");
        try {
            return publicKey(der != null ? der : Base64.getMimeDecoder().decode(text.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (PEM or Base64 X.509)", e);
        }
    }

    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(MerkleTree.sha256().digest(key.getEncoded()), 0, 8);
    }

    public static boolean verify(PublicKey key, byte[] message, String base64Signature) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(Base64.getDecoder().decode(base64Signature));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** Whether the checkpoint names this key and its signature verifies with it. */
    public static boolean verify(PublicKey key, Checkpoint checkpoint) {
        return keyId(key).equals(checkpoint.keyId())
                && verify(key, checkpoint.signedBytes(), checkpoint.signature());
    }

    private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    /**
     * The JDK has no call that derives an Ed25519 public key from a private one, but its key pair generator takes
     * the private key as the 32 bytes it draws from the random source: hand it exactly those bytes.
     */
    private static PublicKey derivePublic(PrivateKey privateKey) throws GeneralSecurityException {
        byte[] seed = ((EdECPrivateKey) privateKey).getBytes().orElseThrow(() ->
                new IllegalStateException("the checkpoint private key does not expose its bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 0);
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        });
        return generator.generateKeyPair().getPublic();
    }

    private static byte[] block(String pem, String type) {
        Matcher matcher = PEM.matcher(pem);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                return Base64.getMimeDecoder().decode(matcher.group(2).replaceAll("\\s", ""));
            }
        }
        return null;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
