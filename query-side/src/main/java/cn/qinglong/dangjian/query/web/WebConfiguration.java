package cn.qinglong.dangjian.query.web;

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

    WebConfiguration(ReadYourWritesInterceptor readYourWrites, JsonMapper json) {
        this.readYourWrites = readYourWrites;
        this.json = json;
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

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/api/**").exposedHeaders(ReadYourWritesInterceptor.BEHIND, ReadYourWritesInterceptor.POSITION);
    }
}
