package cn.qinglong.dangjian.security;

import cn.qinglong.dangjian.security.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies up to {@code app.security.max-body-size} bytes ({@code max-upload-size} for a
 * {@code multipart/form-data} upload): a larger declared length is a 413 before anything is
 * read; a chunked body that grows past the limit fails while it is read, which the services answer as malformed (400).
 */
final class BodySizeLimit extends OncePerRequestFilter {

    private final long maxBodyBytes;
    private final long maxUploadBytes;

    BodySizeLimit(long maxBodyBytes, long maxUploadBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        long maxBytes = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                ? maxUploadBytes : maxBodyBytes;
        if (request.getContentLengthLong() > maxBytes) {
            ProblemResponses.write(response, 413, "payload-too-large", "Payload too large",
                    "request bodies are limited to " + maxBytes + " bytes");
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public ServletInputStream getInputStream() throws IOException {
                return new Bounded(super.getInputStream(), maxBytes);
            }
        }, response);
    }

    private static final class Bounded extends ServletInputStream {
        private final ServletInputStream in;
        private long left;

        Bounded(ServletInputStream in, long max) {
            this.in = in;
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && --left < 0) {
                throw new IOException("request body exceeds the limit");
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0 && (left -= n) < 0) {
                throw new IOException("request body exceeds the limit");
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
