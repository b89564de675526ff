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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Verified tokens are kept, never past their expiry nor the configured time, and nothing else is. */
class VerifiedTokensTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

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

    private static LocalSigningKey key() {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:mem:key-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        jdbc.execute("""
                CREATE TABLE local_signing_key (key_id VARCHAR(64) PRIMARY KEY, private_key VARCHAR(4096) NOT NULL,
                public_key VARCHAR(2048) NOT NULL, created_at BIGINT NOT NULL)""");
        return LocalSigningKey.loadOrCreate(jdbc);
    }

    private static final LocalSigningKey KEY = key();

    private static SecuritySettings settings(Duration ttl, int size) {
        return new SecuritySettings(null, null, null, null, null, ttl, size, null);
    }

    /** The real decoder of the embedded default (signature and claims checked), counting how often it runs. */
    private static JwtDecoder counting(Clock clock, AtomicInteger verifications) {
        JwtDecoder real = WebSecurityAutoConfiguration.verifying(NimbusJwtDecoder.withPublicKey(KEY.publicKey()).build(),
                LocalTokens.ISSUER, settings(Duration.ZERO, 0), clock);
        return token -> {
            verifications.incrementAndGet();
            return real.decode(token);
        };
    }

    private static String mint(Clock clock, Duration ttl, String subject) {
        return new LocalTokens(KEY, ttl, clock).mint(subject, Role.COMMITTEE, List.of(), false);
    }

    @Test
    void a_token_is_verified_once_then_served_from_what_was_kept() {
        MovableClock clock = new MovableClock(Instant.now());
        AtomicInteger verifications = new AtomicInteger();
        JwtDecoder kept = VerifiedTokens.around(counting(clock, verifications), Duration.ofMinutes(5), 100, clock);
        String token = mint(clock, Duration.ofHours(8), "wang");
        Jwt first = kept.decode(token);
        clock.advance(Duration.ofMinutes(1));
        assertThat(kept.decode(token)).as("the very object verified the first time").isSameAs(first);
        assertThat(Caller.of(first).name()).isEqualTo("wang");
        assertThat(verifications).hasValue(1);
        kept.decode(mint(clock, Duration.ofHours(8), "li"));
        assertThat(verifications).as("another token is verified on its own").hasValue(2);
    }

    @Test
    void a_tampered_token_is_refused_though_the_genuine_one_is_kept() {
        MovableClock clock = new MovableClock(Instant.now());
        VerifiedTokens kept = (VerifiedTokens) WebSecurityAutoConfiguration.verifying(
                NimbusJwtDecoder.withPublicKey(KEY.publicKey()).build(), LocalTokens.ISSUER,
                settings(Duration.ofMinutes(5), 100), clock);
        String genuine = mint(clock, Duration.ofHours(8), "li");
        kept.decode(genuine);
        assertThat(kept.isKept(genuine)).isTrue();

        String[] parts = genuine.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]));
        String elevated = claims.replace("\"li\"", "\"zz\"");
        assertThat(elevated).isNotEqualTo(claims);
        String tamperedClaims = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(elevated.getBytes())
                + "." + parts[2];
        char last = parts[2].charAt(10);
        String tamperedSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10)
                + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
        String otherKey = new LocalTokens(key(), Duration.ofHours(8), clock).mint("li", Role.COMMITTEE, List.of(), false);
        for (String bad : List.of(tamperedClaims, tamperedSignature, otherKey, genuine + "x")) {
            assertThatThrownBy(() -> kept.decode(bad)).isInstanceOf(JwtException.class);
            assertThatThrownBy(() -> kept.decode(bad)).as("refused again, not kept").isInstanceOf(JwtException.class);
            assertThat(kept.isKept(bad)).isFalse();
        }
        assertThat(kept.size()).isEqualTo(1);
    }

    @Test
    void an_expired_token_is_refused_even_though_it_was_kept() {
        MovableClock clock = new MovableClock(Instant.now());
        VerifiedTokens kept = (VerifiedTokens) WebSecurityAutoConfiguration.verifying(
                NimbusJwtDecoder.withPublicKey(KEY.publicKey()).build(), LocalTokens.ISSUER,
                settings(Duration.ofHours(1), 100), clock);
        String token = mint(clock, Duration.ofMinutes(10), "wang");
        kept.decode(token);
        clock.advance(Duration.ofMinutes(9));
        kept.decode(token);
        assertThat(kept.isKept(token)).isTrue();

        clock.advance(Duration.ofMinutes(1));
        assertThat(kept.isKept(token)).as("not served at or after its exp").isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> kept.decode(token)).isInstanceOf(JwtException.class)
                .hasMessageContaining("expired");
        assertThat(kept.size()).isZero();
    }

    @Test
    void a_kept_token_is_verified_again_after_the_ttl_so_a_withdrawn_key_refuses_it() {
        MovableClock clock = new MovableClock(Instant.now());
        AtomicInteger verifications = new AtomicInteger();
        // the issuer's key set, as the decoder sees it: withdrawn after the first verification
        boolean[] keyWithdrawn = {false};
        JwtDecoder issuerKeys = WebSecurityAutoConfiguration.verifying(
                NimbusJwtDecoder.withPublicKey(KEY.publicKey()).build(), LocalTokens.ISSUER,
                settings(Duration.ZERO, 0), clock);
        JwtDecoder issuer = token -> {
            verifications.incrementAndGet();
            if (keyWithdrawn[0]) {
                throw new org.springframework.security.oauth2.jwt.BadJwtException("no such key");
            }
            return issuerKeys.decode(token);
        };
        JwtDecoder kept = VerifiedTokens.around(issuer, Duration.ofMinutes(5), 100, clock);
        String token = mint(clock, Duration.ofHours(8), "wang");
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
    void at_most_the_configured_number_of_tokens_are_kept_and_a_zero_ttl_keeps_none() {
        MovableClock clock = new MovableClock(Instant.now());
        VerifiedTokens kept = (VerifiedTokens) WebSecurityAutoConfiguration.verifying(
                NimbusJwtDecoder.withPublicKey(KEY.publicKey()).build(), LocalTokens.ISSUER,
                settings(Duration.ofMinutes(5), 3), clock);
        for (int i = 0; i < 10; i++) {
            kept.decode(mint(clock, Duration.ofHours(8), "user-" + i));
            assertThat(kept.size()).isLessThanOrEqualTo(3);
        }
        JwtDecoder none = WebSecurityAutoConfiguration.verifying(
                NimbusJwtDecoder.withPublicKey(KEY.publicKey()).build(), LocalTokens.ISSUER,
                settings(Duration.ZERO, 3), clock);
        assertThat(none).isInstanceOf(NimbusJwtDecoder.class);
    }

    @Test
    void a_token_without_expiry_or_bound_to_a_certificate_is_never_kept() {
        MovableClock clock = new MovableClock(Instant.now());
        Jwt unbounded = Jwt.withTokenValue("a").header("alg", "RS256").subject("s").build();
        Jwt bound = Jwt.withTokenValue("b").header("alg", "RS256").subject("s")
                .expiresAt(clock.instant().plusSeconds(3600)).claim("cnf", java.util.Map.of("x5t#S256", "abc")).build();
        Jwt plain = Jwt.withTokenValue("c").header("alg", "RS256").subject("s")
                .expiresAt(clock.instant().plusSeconds(3600)).build();
        VerifiedTokens kept = new VerifiedTokens(token -> switch (token) {
            case "a" -> unbounded;
            case "b" -> bound;
            default -> plain;
        }, Duration.ofMinutes(5), 100, clock);
        kept.decode("a");
        kept.decode("b");
        kept.decode("c");
        assertThat(kept.isKept("a")).isFalse();
        assertThat(kept.isKept("b")).isFalse();
        assertThat(kept.isKept("c")).isTrue();
    }
}
