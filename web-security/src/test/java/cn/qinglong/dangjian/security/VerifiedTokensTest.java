package cn.qinglong.dangjian.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verified tokens are kept, never past their expiry nor the configured time, and nothing else is: what is kept shows
 * in how often the verifier runs.
 */
class VerifiedTokensTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final LocalSigningKey KEY = TestSigningKeys.newKey();

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger verifications = new AtomicInteger();

    private JwtDecoder verifying(Duration ttl, int size) {
        return WebSecurityAutoConfiguration.verifying(NimbusJwtDecoder.withPublicKey(KEY.publicKey()).build(),
                LocalTokens.ISSUER, new SecuritySettings(null, null, null, null, null, null, ttl, size, null), clock);
    }

    /** The real decoder of the embedded default (signature and claims checked), counted, its tokens kept. */
    private JwtDecoder keeping(Duration ttl, int size) {
        return keeping(verifying(Duration.ZERO, 0), ttl, size);
    }

    private JwtDecoder keeping(JwtDecoder verifier, Duration ttl, int size) {
        return WebSecurityAutoConfiguration.keepingVerified(token -> {
            verifications.incrementAndGet();
            return verifier.decode(token);
        }, ttl, size, clock);
    }

    private String mint(Duration ttl, String subject) {
        return new LocalTokens(KEY, ttl, clock).mint(subject, Role.COMMITTEE, List.of(), false);
    }

    @Test
    void a_token_is_verified_once_then_served_from_what_was_kept() {
        JwtDecoder kept = keeping(Duration.ofMinutes(5), 100);
        String token = mint(Duration.ofHours(8), "wang");
        Jwt first = kept.decode(token);
        clock.advance(Duration.ofMinutes(1));
        assertThat(kept.decode(token)).as("the very object verified the first time").isSameAs(first);
        assertThat(Caller.of(first).name()).isEqualTo("wang");
        assertThat(verifications).hasValue(1);
        kept.decode(mint(Duration.ofHours(8), "li"));
        assertThat(verifications).as("another token is verified on its own").hasValue(2);
    }

    @Test
    void a_tampered_token_is_refused_though_the_genuine_one_is_kept() {
        JwtDecoder kept = keeping(Duration.ofMinutes(5), 100);
        String genuine = mint(Duration.ofHours(8), "li");
        kept.decode(genuine);

        String[] parts = genuine.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]));
        String elevated = claims.replace("\"li\"", "\"zz\"");
        assertThat(elevated).isNotEqualTo(claims);
        String tamperedClaims = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(elevated.getBytes())
                + "." + parts[2];
        char last = parts[2].charAt(10);
        String tamperedSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10)
                + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
        String otherKey = new LocalTokens(TestSigningKeys.newKey(), Duration.ofHours(8), clock)
                .mint("li", Role.COMMITTEE, List.of(), false);
        List<String> bad = List.of(tamperedClaims, tamperedSignature, otherKey, genuine + "x");
        for (String token : bad) {
            assertThatThrownBy(() -> kept.decode(token)).isInstanceOf(JwtException.class);
            assertThatThrownBy(() -> kept.decode(token)).as("refused again, not kept").isInstanceOf(JwtException.class);
        }
        assertThat(verifications).as("each refused token verified every time").hasValue(1 + 2 * bad.size());

        assertThat(Caller.of(kept.decode(genuine)).name()).isEqualTo("li");
        assertThat(verifications).as("the genuine token is still kept").hasValue(1 + 2 * bad.size());
    }

    @Test
    void an_expired_token_is_refused_even_though_it_was_kept() {
        JwtDecoder kept = keeping(Duration.ofHours(1), 100);
        String token = mint(Duration.ofMinutes(10), "wang");
        kept.decode(token);
        clock.advance(Duration.ofMinutes(9));
        kept.decode(token);
        assertThat(verifications).as("kept before its exp").hasValue(1);

        clock.advance(Duration.ofMinutes(1));
        kept.decode(token);
        kept.decode(token);
        assertThat(verifications).as("verified every time at and after its exp, not kept again").hasValue(3);
        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> kept.decode(token)).isInstanceOf(JwtException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void a_kept_token_is_verified_again_after_the_ttl_so_a_withdrawn_key_refuses_it() {
        // the issuer's key set, as the decoder sees it: withdrawn after the first verification
        boolean[] keyWithdrawn = {false};
        JwtDecoder issuerKeys = verifying(Duration.ZERO, 0);
        JwtDecoder kept = keeping(token -> {
            if (keyWithdrawn[0]) {
                throw new BadJwtException("no such key");
            }
            return issuerKeys.decode(token);
        }, Duration.ofMinutes(5), 100);
        String token = mint(Duration.ofHours(8), "wang");
        kept.decode(token);
        keyWithdrawn[0] = true;
        clock.advance(Duration.ofMinutes(4));
        kept.decode(token);
        assertThat(verifications).as("within the ttl the kept token is served").hasValue(1);
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> kept.decode(token)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void at_most_the_configured_number_of_tokens_are_kept_and_a_zero_ttl_or_size_keeps_none() {
        JwtDecoder kept = keeping(Duration.ofMinutes(5), 3);
        List<String> tokens = java.util.stream.IntStream.range(0, 10).mapToObj(i -> mint(Duration.ofHours(8), "u-" + i))
                .toList();
        tokens.forEach(kept::decode);
        verifications.set(0);
        tokens.forEach(kept::decode);
        assertThat(verifications).as("at most 3 of the 10 served from what was kept").hasValueGreaterThanOrEqualTo(7);

        assertThat(verifying(Duration.ZERO, 3)).isInstanceOf(NimbusJwtDecoder.class);
        assertThat(verifying(Duration.ofMinutes(5), 0)).isInstanceOf(NimbusJwtDecoder.class);
    }

    @Test
    void a_token_without_expiry_or_bound_to_a_certificate_is_never_kept() {
        Jwt unbounded = Jwt.withTokenValue("a").header("alg", "RS256").subject("s").build();
        Jwt bound = Jwt.withTokenValue("b").header("alg", "RS256").subject("s")
                .expiresAt(clock.instant().plusSeconds(3600)).claim("cnf", Map.of("x5t#S256", "abc")).build();
        Jwt plain = Jwt.withTokenValue("c").header("alg", "RS256").subject("s")
                .expiresAt(clock.instant().plusSeconds(3600)).build();
        JwtDecoder kept = keeping(token -> switch (token) {
            case "a" -> unbounded;
            case "b" -> bound;
            default -> plain;
        }, Duration.ofMinutes(5), 100);
        for (String token : List.of("a", "b", "c")) {
            kept.decode(token);
            kept.decode(token);
        }
        assertThat(verifications).as("a and b verified twice, c once").hasValue(5);
    }
}
