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
 * tag of those bytes; a {@code GET} whose {@code If-None-Match} names it is answered {@code 304} without a body. To a
 * client that accepts gzip (every browser), an answer of {@value #MIN_GZIP_BYTES} bytes or more is sent as those
 * bytes compressed once ({@code Content-Encoding: gzip}, its own entity tag, {@code Vary: Accept-Encoding}).
 * Only the very object the view's answers gave the current request is written so; anything else is left to the
 * ordinary JSON converter. {@link ViewAnswers} serialized the answer with the application's {@link JsonMapper}, so
 * the bytes are those that converter would write.
 */
final class KeptJson extends AbstractHttpMessageConverter<Object> {

    /** Below this, an answer is sent as it is: it fits in a packet or so, and compressing it saves next to nothing. */
    static final int MIN_GZIP_BYTES = 1024;
    private static final String GZIP = "gzip";

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
        if (given == null) {
            return;
        }
        if (given.json().length >= MIN_GZIP_BYTES) {
            headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        if (gzipped(given)) {
            headers.set(HttpHeaders.CONTENT_ENCODING, GZIP);
            headers.setETag(gzipTag(given.etag()));
        } else {
            headers.setETag(given.etag());
        }
    }

    @Override
    protected Long getContentLength(Object answer, MediaType contentType) {
        ViewAnswers.Kept given = given(answer);
        return given == null ? null : (long) body(given).length;
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
        output.getBody().write(body(given));
    }

    private static byte[] body(ViewAnswers.Kept given) {
        return gzipped(given) ? given.gzip() : given.json();
    }

    /** Whether the answer goes compressed: large enough, and the client accepts gzip. */
    private static boolean gzipped(ViewAnswers.Kept given) {
        return given.json().length >= MIN_GZIP_BYTES && request() != null && acceptsGzip(request());
    }

    /** {@code gzip} in {@code Accept-Encoding} (or, without it, {@code *}), with a weight above {@code q=0}. */
    static boolean acceptsGzip(HttpServletRequest request) {
        Boolean gzip = null;
        Boolean any = null;
        var values = request.getHeaders(HttpHeaders.ACCEPT_ENCODING);
        while (values != null && values.hasMoreElements()) {
            for (String coding : values.nextElement().split(",")) {
                String[] parts = coding.split(";");
                boolean accepted = true;
                for (int i = 1; i < parts.length; i++) {
                    accepted &= !parts[i].replace(" ", "").matches("[qQ]=0(\\.0{0,3})?");
                }
                String name = parts[0].trim();
                if (name.equalsIgnoreCase(GZIP)) {
                    gzip = accepted;
                } else if (name.equals("*")) {
                    any = accepted;
                }
            }
        }
        return gzip != null ? gzip : any != null && any;
    }

    /** The compressed representation's entity tag: the JSON's, marked (no entity tag of ours has a '.'). */
    static String gzipTag(String etag) {
        return etag.substring(0, etag.length() - 1) + ".gz\"";
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

    private static HttpServletRequest request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    /** {@code If-None-Match} names the answer, in either representation. */
    private static boolean notModified(String etag) {
        HttpServletRequest request = request();
        if (request == null || !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return false;
        }
        String gzipTag = gzipTag(etag);
        var values = request.getHeaders(HttpHeaders.IF_NONE_MATCH);
        while (values.hasMoreElements()) {
            for (String tag : values.nextElement().split(",")) {
                String t = tag.trim();
                if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag) || t.equals(gzipTag)
                        || t.equals("W/" + gzipTag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
