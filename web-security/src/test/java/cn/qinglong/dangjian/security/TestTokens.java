package cn.qinglong.dangjian.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Tokens signed with a service's local key whose claims a test chooses, such as one without {@code exp}. */
public final class TestTokens {

    private TestTokens() {
    }

    /** A COMMITTEE token of the local issuer; {@code expiresAt} null leaves {@code exp} out. */
    public static String committee(LocalSigningKey key, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(LocalTokens.ISSUER)
                .subject("test-exp")
                .issueTime(new Date())
                .claim(Caller.ROLES_CLAIM, List.of(Role.COMMITTEE.name()))
                .claim(Caller.ORG_SCOPE_CLAIM, List.of());
        if (expiresAt != null) {
            claims.expirationTime(Date.from(expiresAt));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(LocalSigningKey.KEY_ID).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
