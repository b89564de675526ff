package cn.qinglong.dangjian.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code app.security.*}: without {@code issuer-uri} both services trust the local signing key kept in the event-store
 * database (the embedded default); with it they trust that issuer (Keycloak, for example) and the local key and its
 * token endpoint are off.
 *
 * @param issuerUri      the OpenID issuer whose tokens are trusted; blank for the local key
 * @param jwkSetUri      where to fetch the issuer's keys when the services reach it under another address than the
 *                       one in its tokens' {@code iss} (containers); blank for the issuer's discovery document
 * @param writesPerMinute accepted writes per principal per minute before 429
 * @param localTokenTtl  lifetime of a token minted with the local key
 * @param maxBodySize    the largest request body accepted (413 beyond)
 * @param maxUploadSize  the largest {@code multipart/form-data} body accepted (a file upload such as the roster import)
 * @param tokenCacheTtl  how long a verified token is served without checking its signature again (never past its
 *                       {@code exp}); also how long a withdrawn key or issuer may still be honoured for a token already
 *                       seen (see {@link WebSecurityAutoConfiguration#keepingVerified}); zero checks every request
 * @param tokenCacheSize the most verified tokens kept
 * @param maxTokenLifetime the furthest a token's {@code exp} may lie in the future; a token without {@code exp}, or
 *                       one that claims to live longer, is refused (401)
 */
@ConfigurationProperties("app.security")
public record SecuritySettings(String issuerUri, String jwkSetUri, Integer writesPerMinute, Duration localTokenTtl, DataSize maxBodySize,
                               DataSize maxUploadSize, Duration tokenCacheTtl, Integer tokenCacheSize,
                               Duration maxTokenLifetime) {

    public SecuritySettings {
        writesPerMinute = writesPerMinute == null ? 6000 : writesPerMinute;
        localTokenTtl = localTokenTtl == null ? Duration.ofHours(8) : localTokenTtl;
        maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(256) : maxBodySize;
        maxUploadSize = maxUploadSize == null ? maxBodySize : maxUploadSize;
        tokenCacheTtl = tokenCacheTtl == null ? Duration.ofMinutes(5) : tokenCacheTtl;
        tokenCacheSize = tokenCacheSize == null ? 10_000 : tokenCacheSize;
        maxTokenLifetime = maxTokenLifetime == null ? Duration.ofHours(24) : maxTokenLifetime;
    }

    public boolean localKey() {
        return issuerUri == null || issuerUri.isBlank();
    }
}
