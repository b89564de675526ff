package cn.qinglong.dangjian.query.web;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final ReadYourWritesInterceptor readYourWrites;
    private final JsonMapper json;

    private final List<String> corsOrigins;

    WebConfiguration(ReadYourWritesInterceptor readYourWrites, JsonMapper json,
                     @Value("${query.cors.allowed-origins:}") List<String> corsOrigins) {
        this.readYourWrites = readYourWrites;
        this.json = json;
        this.corsOrigins = corsOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
    }

    /** Kept answers are written as the bytes they were first serialized to (see {@link KeptJson}). */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.addCustomConverter(new KeptJson(json));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(readYourWrites).addPathPatterns("/api/**");
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
