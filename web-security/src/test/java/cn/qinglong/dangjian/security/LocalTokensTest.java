package cn.qinglong.dangjian.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.assertj.core.api.Assertions;

/** The embedded default's key, tokens and token endpoint. */
class LocalTokensTest {

    @Test
    void both_services_read_the_one_key_the_first_one_created_so_each_trusts_the_others_tokens() {
        JdbcTemplate jdbc = TestSigningKeys.database();
        LocalSigningKey commandSide = LocalSigningKey.loadOrCreate(jdbc);
        LocalSigningKey querySide = LocalSigningKey.loadOrCreate(jdbc);
        assertThat(querySide.publicKey()).isEqualTo(commandSide.publicKey());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM local_signing_key", Integer.class)).isEqualTo(1);

        String token = new LocalTokens(commandSide, Duration.ofHours(1), Clock.systemUTC())
                .mint("王书记", Role.BRANCH_SECRETARY, List.of("ql-r3-b1"), false);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(querySide.publicKey()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(LocalTokens.ISSUER));
        Caller caller = Caller.of(decoder.decode(token));
        assertThat(caller).isEqualTo(new Caller("王书记", java.util.Set.of(Role.BRANCH_SECRETARY),
                java.util.Set.of("ql-r3-b1"), false));
        assertThat(caller.reaches(List.of("ql-r3-b1"))).isTrue();
        assertThat(caller.reaches(List.of("ql-r3-b2"))).isFalse();
    }

    @Test
    void an_expired_token_or_one_signed_by_another_key_is_refused() {
        LocalSigningKey key = TestSigningKeys.newKey();
        LocalSigningKey other = TestSigningKeys.newKey();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key.publicKey()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(LocalTokens.ISSUER));
        Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC);
        String expired = new LocalTokens(key, Duration.ofHours(1), yesterday).mint("a", Role.COMMITTEE, List.of(), false);
        String foreign = new LocalTokens(other, Duration.ofHours(1), Clock.systemUTC()).mint("a", Role.COMMITTEE, List.of(), false);
        Assertions.assertThatThrownBy(() -> decoder.decode(expired)).isInstanceOf(JwtException.class);
        Assertions.assertThatThrownBy(() -> decoder.decode(foreign)).isInstanceOf(JwtException.class);
    }

    @Test
    void keycloak_realm_roles_and_the_personal_data_scope_are_read() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("s-1").claim("preferred_username", "li")
                .claim("realm_access", Map.of("roles", List.of("INTEGRATION", "offline_access")))
                .claim("scope", "openid personal-data").build();
        assertThat(Caller.of(jwt)).isEqualTo(new Caller("li", java.util.Set.of(Role.INTEGRATION), java.util.Set.of(), true));
    }

    @Test
    void the_token_endpoint_answers_loopback_clients_only() throws Exception {
        TokenEndpoint endpoint = new TokenEndpoint(new LocalTokens(TestSigningKeys.newKey(),
                Duration.ofHours(1), Clock.systemUTC()));
        TokenEndpoint.TokenRequest body = new TokenEndpoint.TokenRequest("AUDITOR", null, null, null);
        MockHttpServletRequest remote = new MockHttpServletRequest("POST", TokenEndpoint.PATH);
        remote.setRemoteAddr("10.1.2.3");
        MockHttpServletResponse refused = new MockHttpServletResponse();
        assertThat(endpoint.token(body, remote, refused)).isNull();
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentType()).startsWith("application/problem+json");

        MockHttpServletRequest proxied = new MockHttpServletRequest("POST", TokenEndpoint.PATH);
        proxied.addHeader("X-Forwarded-For", "203.0.113.9");
        MockHttpServletResponse refusedProxied = new MockHttpServletResponse();
        assertThat(endpoint.token(body, proxied, refusedProxied)).isNull();
        assertThat(refusedProxied.getStatus()).as("a request a local proxy forwarded").isEqualTo(403);

        MockHttpServletRequest rebound = new MockHttpServletRequest("POST", TokenEndpoint.PATH);
        rebound.addHeader("Host", "attacker.example");
        MockHttpServletResponse refusedRebound = new MockHttpServletResponse();
        assertThat(endpoint.token(body, rebound, refusedRebound)).isNull();
        assertThat(refusedRebound.getStatus()).as("a DNS-rebinding page's request").isEqualTo(403);

        for (String loopback : List.of("127.0.0.1", "0:0:0:0:0:0:0:1")) {
            MockHttpServletRequest local = new MockHttpServletRequest("POST", TokenEndpoint.PATH);
            local.setRemoteAddr(loopback);
            local.addHeader("Host", "localhost:8080");
            assertThat(endpoint.token(body, local, new MockHttpServletResponse())).containsKey("access_token");
        }
        MockHttpServletRequest local = new MockHttpServletRequest("POST", TokenEndpoint.PATH);
        local.addHeader("Host", "127.0.0.1:8080");
        MockHttpServletResponse badRole = new MockHttpServletResponse();
        assertThat(endpoint.token(new TokenEndpoint.TokenRequest("ROOT", null, null, null), local, badRole)).isNull();
        assertThat(badRole.getStatus()).isEqualTo(400);
    }
}
