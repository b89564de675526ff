package cn.qinglong.dangjian.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import cn.qinglong.dangjian.security.problem.FailureMeaning;
import cn.qinglong.dangjian.security.problem.ProblemAdvice;
import cn.qinglong.dangjian.security.problem.ProblemErrorReportValve;
import cn.qinglong.dangjian.security.problem.ProblemResponses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Bearer-token security for both services: tokens from {@code app.security.issuer-uri} when set, otherwise from the
 * local signing key in the event-store database; roles from the token; problem+json refusals; the per-principal
 * write limit.
 */
@AutoConfiguration(afterName = "cn.qinglong.dangjian.eventstore.EventStoreAutoConfiguration")
@EnableConfigurationProperties(SecuritySettings.class)
@EnableWebSecurity
@org.springframework.context.annotation.Import(ApiDescription.class)
public class WebSecurityAutoConfiguration {

    /** Reachable without a token. The token endpoint checks loopback itself. */
    public static final List<String> PUBLIC_PATHS = List.of("/actuator/health", "/actuator/health/**",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
            "/", "/index.html", "/assets/**", "/webjars/**", "/favicon.ico", "/error");

    @Bean
    @ConditionalOnExpression("'${app.security.issuer-uri:}'.isBlank()")
    public LocalSigningKey localSigningKey(JdbcTemplate jdbc) {
        return LocalSigningKey.loadOrCreate(jdbc);
    }

    @Bean
    @ConditionalOnExpression("'${app.security.issuer-uri:}'.isBlank()")
    public LocalTokens localTokens(LocalSigningKey key, SecuritySettings settings) {
        return new LocalTokens(key, settings.localTokenTtl(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnExpression("'${app.security.issuer-uri:}'.isBlank()")
    public TokenEndpoint tokenEndpoint(LocalTokens tokens) {
        return new TokenEndpoint(tokens);
    }

    /** The embedded default started on an address other than loopback says so (see {@link ExposureWarning}). */
    @Bean
    @ConditionalOnExpression("'${app.security.issuer-uri:}'.isBlank()")
    public org.springframework.context.ApplicationListener<?> exposureWarning(org.springframework.core.env.Environment environment) {
        return new ExposureWarning(environment);
    }

    /** Every refusal of both services, answered one way (see {@link ProblemAdvice}). */
    @Bean
    public ProblemAdvice problemAdvice(ObjectProvider<FailureMeaning> meanings) {
        return new ProblemAdvice(meanings.orderedStream().toList());
    }

    /** Tomcat's own errors through the same shape: no error page, the problem valve reports them. */
    @Bean
    public org.springframework.boot.web.server.WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
            ProblemAdvice.noErrorPages(context);
        });
    }

    /** A request Spring Security's firewall refuses (a {@code ;} or an encoded {@code /} in the path) is a 400. */
    @Bean
    public RequestRejectedHandler problemForRejectedRequests() {
        return (request, response, e) -> ProblemResponses.write(response,
                ProblemResponses.forStatus(400, "the request was refused before it reached the service"));
    }

    /** Before every other filter, Spring Security's included: only paths in normal form (see {@link CanonicalPath}). */
    @Bean
    public org.springframework.boot.web.servlet.FilterRegistrationBean<CanonicalPath> canonicalPath() {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new CanonicalPath());
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    public StrictInput strictInput() {
        return new StrictInput();
    }

    @Bean
    public org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer noScalarsFromStrings() {
        return StrictInput::noScalarsFromStrings;
    }

    @Bean
    public JwtDecoder jwtDecoder(SecuritySettings settings, ObjectProvider<LocalSigningKey> localKey) {
        if (settings.localKey()) {
            return verifying(NimbusJwtDecoder.withPublicKey(localKey.getObject().publicKey()).build(),
                    LocalTokens.ISSUER, settings, Clock.systemUTC());
        }
        NimbusJwtDecoder decoder = settings.jwkSetUri() == null || settings.jwkSetUri().isBlank()
                ? NimbusJwtDecoder.withIssuerLocation(settings.issuerUri()).build()
                : NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build();
        return verifying(decoder, settings.issuerUri(), settings, Clock.systemUTC());
    }

    /**
     * The decoder checks the default validators (issuer, timestamps on {@code clock}, type, certificate binding),
     * and that the token has an {@code exp} no further than {@code app.security.max-token-lifetime} from now (a token
     * without one would never expire); tokens it accepted are kept for {@code app.security.token-cache-ttl} (see
     * {@link #keepingVerified}).
     */
    static JwtDecoder verifying(NimbusJwtDecoder decoder, String issuer, SecuritySettings settings, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                List.of(timestamps, new JwtIssuerValidator(issuer), expiryBounded(settings.maxTokenLifetime(), clock))));
        return keepingVerified(decoder, settings.tokenCacheTtl(), settings.tokenCacheSize(), clock);
    }

    /**
     * Keeps the tokens {@code verifier} accepted, so that the signature check (RSA) and the parsing of a token run once
     * per token rather than once per request: a client sends the same bearer token for hours. {@code verifier} itself
     * when {@code ttl} or {@code maxEntries} is zero.
     *
     * <p>Only a token the verifier accepted is kept, keyed by its exact text, so a tampered or differently signed token
     * is never a hit and goes through the full check. A kept token is served until the earlier of its {@code exp} and
     * {@code ttl} after it was verified; from its {@code exp} on, the verifier decides every time (refusing it once past
     * the usual clock skew) and it is not kept again. The {@code ttl} bounds how long a change of trust goes unseen: a
     * kept token signed with a key the issuer has since withdrawn is refused once its entry is older than {@code ttl}
     * (another issuer takes a restart, which empties what is kept). Tokens without an {@code exp}, and tokens bound to
     * a client certificate ({@code cnf}), which the verifier checks against the request, are never kept. At most
     * {@code maxEntries} tokens are kept; evictions run on the calling thread, so that bound holds when a call returns.
     */
    static JwtDecoder keepingVerified(JwtDecoder verifier, Duration ttl, int maxEntries, Clock clock) {
        if (ttl.isZero() || ttl.isNegative() || maxEntries <= 0) {
            return verifier;
        }
        Cache<String, Jwt> kept = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run)
                .ticker(() -> ChronoUnit.NANOS.between(Instant.EPOCH, clock.instant()))
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> {
                    Duration untilExpiry = Duration.between(clock.instant(), jwt.getExpiresAt());
                    return untilExpiry.compareTo(ttl) < 0 ? untilExpiry : ttl;
                }))
                .build();
        return token -> {
            Jwt jwt = kept.getIfPresent(token);
            if (jwt == null) {
                jwt = verifier.decode(token);
                Instant exp = jwt.getExpiresAt();
                if (exp != null && clock.instant().isBefore(exp) && !jwt.hasClaim("cnf")) {
                    kept.put(token, jwt);
                }
            }
            return jwt;
        };
    }

    static OAuth2TokenValidator<Jwt> expiryBounded(java.time.Duration maxLifetime, Clock clock) {
        return new JwtClaimValidator<java.time.Instant>(JwtClaimNames.EXP,
                exp -> exp != null && !exp.isAfter(clock.instant().plus(maxLifetime)));
    }

    /**
     * No observation per security filter, per authentication and per authorization: with Micrometer present Spring
     * Security wraps each of its filters in an observation (meters looked up, key values built, per filter and
     * request), which showed prominently in profiles of the query phase. The HTTP server request observation (and its
     * metrics) stays.
     */
    @Bean
    public SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's firewall, its header checks without a regex (see {@link HeaderCharacters}). */
    @Bean
    public WebSecurityCustomizer headerCharactersWithoutRegex() {
        return web -> web.httpFirewall(HeaderCharacters.firewall());
    }

    @Bean
    public SecurityFilterChain securityFilterChain(HttpSecurity http, SecuritySettings settings,
                                                   ObjectProvider<AccessRules> serviceRules) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(rules -> {
                    rules.requestMatchers(PUBLIC_PATHS.toArray(String[]::new)).permitAll();
                    if (settings.localKey()) {
                        rules.requestMatchers(HttpMethod.POST, TokenEndpoint.PATH).permitAll();
                    }
                    serviceRules.orderedStream().forEach(service -> service.apply(rules));
                    rules.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(WebSecurityAutoConfiguration::authentication))
                        .authenticationEntryPoint(UNAUTHORIZED)
                        .accessDeniedHandler(FORBIDDEN))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(UNAUTHORIZED).accessDeniedHandler(FORBIDDEN))
                .addFilterBefore(new BodySizeLimit(settings.maxBodySize().toBytes(), settings.maxUploadSize().toBytes()),
                        BearerTokenAuthenticationFilter.class)
                .addFilterBefore(new ParameterNames(), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new WriteRateLimit(settings.writesPerMinute(), System::nanoTime), AuthorizationFilter.class);
        return http.build();
    }

    private static final AuthenticationEntryPoint UNAUTHORIZED = (request, response, e) -> {
        response.setHeader("WWW-Authenticate", "Bearer");
        ProblemResponses.write(response, 401, "unauthorized", "Unauthorized", "a valid bearer token is required");
    };

    private static final AccessDeniedHandler FORBIDDEN = (request, response, e) ->
            ProblemResponses.write(response, 403, "forbidden", "Forbidden", "this role may not do that");

    static AbstractAuthenticationToken authentication(Jwt jwt) {
        return new CallerAuthentication(jwt, Caller.of(jwt));
    }
}
