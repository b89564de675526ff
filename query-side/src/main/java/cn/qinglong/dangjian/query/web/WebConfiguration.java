package cn.qinglong.dangjian.query.web;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.util.DigestUtils;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /** The dashboard's files' content hashes, by location: a fixed handful, computed once each. */
    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();

    private final ReadYourWritesInterceptor readYourWrites;
    private final JsonMapper json;

    private final List<String> corsOrigins;

    WebConfiguration(ReadYourWritesInterceptor readYourWrites, JsonMapper json,
                     @Value("${query.cors.allowed-origins:}") List<String> corsOrigins) {
        this.readYourWrites = readYourWrites;
        this.json = json;
        this.corsOrigins = corsOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
    }

    /** Kept answers are written as the bytes they were serialized to when computed (see {@link KeptJson}). */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.addCustomConverter(new KeptJson(json));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(readYourWrites).addPathPatterns("/api/**");
    }

    /**
     * The chart library's path names its version, so a browser keeps it for a year; the dashboard's own files keep
     * their names, so a browser asks again each time and gets a 304 while their content hash (the ETag) is the same
     * (the tabs import each other by name: content-hashed names would need a build step).
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/assets/**").addResourceLocations("classpath:/static/assets/")
                .setCacheControl(CacheControl.noCache()).setEtagGenerator(WebConfiguration::contentHash);
    }

    private static String contentHash(Resource resource) {
        try {
            String key = resource.getURL().toString();
            String known = HASHES.get(key);
            if (known != null) {
                return known;
            }
            try (InputStream in = resource.getInputStream()) {
                // weak: Tomcat leaves a response with a strong ETag uncompressed, as gzip changes its bytes
                String hash = "W/\"" + DigestUtils.md5DigestAsHex(in) + "\"";
                HASHES.put(key, hash);
                return hash;
            }
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Cross-origin reads only for the origins {@code query.cors.allowed-origins} names ({@code CORS_ALLOWED_ORIGINS},
     * comma-separated); none by default: the dashboard is served by this service, from its own origin.
     */
    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (corsOrigins.isEmpty()) {
            return;
        }
        registry.addMapping("/api/**").allowedOrigins(corsOrigins.toArray(String[]::new))
                .exposedHeaders(ReadYourWritesInterceptor.BEHIND, ReadYourWritesInterceptor.POSITION);
    }
}
