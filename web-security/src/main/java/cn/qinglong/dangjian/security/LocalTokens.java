package cn.qinglong.dangjian.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Mints tokens with the local signing key: the embedded default's stand-in for an identity provider. */
public final class LocalTokens {

    public static final String ISSUER = "dangjian-local";

    private final LocalSigningKey key;
    private final Duration ttl;
    private final Clock clock;

    public LocalTokens(LocalSigningKey key, Duration ttl, Clock clock) {
        this.key = key;
        this.ttl = ttl;
        this.clock = clock;
    }

    public String mint(String subject, Role role, List<String> orgScope, boolean personalData) {
        return mint(subject, List.of(role), orgScope, personalData);
    }

    /** A token holding several roles, as one identity-provider user with several realm roles has. */
    public String mint(String subject, List<Role> roles, List<String> orgScope, boolean personalData) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim(Caller.ROLES_CLAIM, roles.stream().map(Role::name).toList())
                .claim(Caller.ORG_SCOPE_CLAIM, orgScope)
                .claim("scope", personalData ? Caller.PERSONAL_DATA_SCOPE : "")
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(LocalSigningKey.KEY_ID).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a local token", e);
        }
        return jwt.serialize();
    }

    public Duration ttl() {
        return ttl;
    }
}
