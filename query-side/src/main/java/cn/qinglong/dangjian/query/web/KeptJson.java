package cn.qinglong.dangjian.query.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a kept answer ({@link ViewAnswers.Kept}) as the JSON it was serialized to when computed, with an entity
 * tag of those bytes; a {@code GET} whose {@code If-None-Match} names it is answered {@code 304} without a body.
 * Only the very object the view's answers gave the current request is written so; anything else is left to the
 * ordinary JSON converter. {@link ViewAnswers} serialized the answer with the application's {@link JsonMapper}, so
 * the bytes are those that converter would write.
 */
final class KeptJson extends AbstractHttpMessageConverter<Object> {

    private final JsonMapper mapper;

    KeptJson(JsonMapper mapper) {
        super(MediaType.APPLICATION_JSON);
        this.mapper = mapper;
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return false;
    }

    @Override
    public boolean canRead(Class<?> clazz, MediaType mediaType) {
        return false;
    }

    @Override
    public boolean canWrite(Class<?> clazz, MediaType mediaType) {
        ViewAnswers.Kept kept = kept();
        return kept != null && kept.answer() != null && kept.answer().getClass() == clazz && canWrite(mediaType);
    }

    @Override
    protected Object readInternal(Class<?> clazz, HttpInputMessage input) {
        throw new UnsupportedOperationException("writes only");
    }

    @Override
    protected void addDefaultHeaders(HttpHeaders headers, Object answer, MediaType contentType) throws IOException {
        super.addDefaultHeaders(headers, answer, contentType);
        ViewAnswers.Kept given = given(answer);
        if (given != null) {
            headers.setETag(given.etag());
        }
    }

    @Override
    protected Long getContentLength(Object answer, MediaType contentType) {
        ViewAnswers.Kept given = given(answer);
        return given == null ? null : (long) given.json().length;
    }

    @Override
    protected void writeInternal(Object answer, HttpOutputMessage output) throws IOException {
        ViewAnswers.Kept given = given(answer);
        if (given == null) {
            mapper.writeValue(output.getBody(), answer);
            return;
        }
        if (notModified(given.etag()) && output instanceof ServletServerHttpResponse response) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            return;
        }
        output.getBody().write(given.json());
    }

    /** The kept answer the current request was given, if {@code answer} is it. */
    private static ViewAnswers.Kept given(Object answer) {
        ViewAnswers.Kept kept = kept();
        return kept == null || kept.answer() != answer ? null : kept;
    }

    private static ViewAnswers.Kept kept() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request == null ? null
                : (ViewAnswers.Kept) request.getAttribute(ViewAnswers.KEPT, RequestAttributes.SCOPE_REQUEST);
    }

    private static boolean notModified(String etag) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return false;
        }
        HttpServletRequest request = attributes.getRequest();
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return false;
        }
        var values = request.getHeaders(HttpHeaders.IF_NONE_MATCH);
        while (values.hasMoreElements()) {
            for (String tag : values.nextElement().split(",")) {
                String t = tag.trim();
                if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
