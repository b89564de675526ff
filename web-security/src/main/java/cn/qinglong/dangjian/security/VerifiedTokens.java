package cn.qinglong.dangjian.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Tokens already verified, so that the signature check (RSA) and the parsing of a token run once per token rather
 * than once per request: a client sends the same bearer token for hours.
 *
 * <p>Only a token the wrapped decoder accepted is kept, keyed by its exact text, so a tampered or differently signed
 * token is never a hit and goes through the full check. A kept token is served until the earlier of its {@code exp}
 * and {@code ttl} after it was verified; from its {@code exp} on, the wrapped decoder decides every time (refusing it
 * once past the usual clock skew) and it is not kept again. The {@code ttl} bounds how long a change of trust goes
 * unseen: a kept token signed with a key the issuer has since withdrawn is refused once its entry is older than
 * {@code ttl} (another issuer takes a restart, which empties what is kept). Tokens without an {@code exp}, and tokens
 * bound to a client certificate ({@code cnf}), which the wrapped decoder checks against the request, are never kept.
 * At most {@code maxEntries} tokens are kept; beyond that, expired entries are dropped and then arbitrary ones.
 * {@code ttl} zero (or {@code maxEntries} zero) keeps nothing.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(Jwt jwt, Instant until) {
    }

    VerifiedTokens(JwtDecoder verifier, Duration ttl, int maxEntries, Clock clock) {
        this.verifier = verifier;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** {@code verifier} itself when nothing is to be kept. */
    static JwtDecoder around(JwtDecoder verifier, Duration ttl, int maxEntries, Clock clock) {
        return ttl.isZero() || ttl.isNegative() || maxEntries <= 0 ? verifier
                : new VerifiedTokens(verifier, ttl, maxEntries, clock);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Kept hit = kept.get(token);
        if (hit != null) {
            if (now.isBefore(hit.until())) {
                return hit.jwt();
            }
            kept.remove(token, hit);
        }
        Jwt jwt = verifier.decode(token);
        Instant exp = jwt.getExpiresAt();
        if (exp != null && now.isBefore(exp) && !jwt.hasClaim("cnf")) {
            Instant verifiedUntil = now.plus(ttl);
            keep(token, new Kept(jwt, exp.isBefore(verifiedUntil) ? exp : verifiedUntil), now);
        }
        return jwt;
    }

    private void keep(String token, Kept entry, Instant now) {
        if (kept.size() >= maxEntries) {
            kept.values().removeIf(k -> !now.isBefore(k.until()));
            Iterator<String> any = kept.keySet().iterator();
            while (kept.size() >= maxEntries && any.hasNext()) {
                any.next();
                any.remove();
            }
        }
        kept.put(token, entry);
    }

    /** Whether the token would be served without verifying it (for tests). */
    boolean isKept(String token) {
        Kept hit = kept.get(token);
        return hit != null && clock.instant().isBefore(hit.until());
    }

    /** How many tokens are kept (for tests). */
    int size() {
        return kept.size();
    }
}
