package org.tandem.appliance.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tandem.appliance.api.ApiError;
import org.tandem.operations.upload.LimitedInputStream;
import org.tandem.operations.upload.UploadLimits;

/**
 * Every API request body has a size limit on the server (issue 22, finding 8; OWASP ASVS 4.0.3 V12.1.1,
 * V13.1.5): prompts, the CSV import and restore their own ({@code tandem.uploads.*}), everything else (JSON)
 * {@code tandem.uploads.api-body}. A declared Content-Length above it is answered 413 (RFC 9110 §15.5.14) before
 * one byte is read (with {@code Expect: 100-continue}, as curl sends, the body is never sent); a chunked body is
 * counted as it is read and fails at the limit.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final UploadLimits limits;
    private final JsonErrorWriter errors;

    RequestBodyLimitFilter(UploadLimits limits, JsonErrorWriter errors) {
        this.limits = limits;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String what = what(request.getMethod(), path);
        DataSize limit = limit(what);
        long declared = request.getContentLengthLong();
        if (declared > limit.toBytes()) {
            // the unread body is too big to swallow: say so (RFC 9112 §9.6) and send the answer before the
            // container closes the connection, or the client may see the close without the 413
            response.setHeader("Connection", "close");
            errors.write(
                    response,
                    HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    ApiError.of(
                            "too large",
                            "The " + what + " is larger than " + UploadLimits.text(limit)
                                    + ", the most this appliance takes " + "(tandem.uploads.* in application.yml)"));
            response.flushBuffer();
            return;
        }
        chain.doFilter(new Limited(request, what, limit), response);
    }

    private static String what(String method, String path) {
        if (method.equals("PUT") && path.startsWith("/api/v1/prompts/")) return "prompt recording";
        if (method.equals("POST") && path.equals("/api/v1/users/import")) return "CSV file";
        if (method.equals("POST") && path.equals("/api/v1/restore")) return "backup archive";
        return "request body";
    }

    private DataSize limit(String what) {
        return switch (what) {
            case "prompt recording" -> limits.prompt();
            case "CSV file" -> limits.userImport();
            case "backup archive" -> limits.restore();
            default -> limits.apiBody();
        };
    }

    /** The request with its body counted. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final String what;
        private final DataSize limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, String what, DataSize limit) {
            super(request);
            this.what = what;
            this.limit = limit;
        }

        @Override
        public synchronized ServletInputStream getInputStream() throws IOException {
            if (stream == null) stream = new CountedStream(super.getInputStream(), what, limit);
            return stream;
        }
    }

    private static final class CountedStream extends ServletInputStream {
        private final ServletInputStream raw;
        private final InputStream counted;

        CountedStream(ServletInputStream raw, String what, DataSize limit) {
            this.raw = raw;
            this.counted = new LimitedInputStream(raw, "The " + what, limit);
        }

        @Override
        public int read() throws IOException {
            return counted.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return counted.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return raw.isFinished();
        }

        @Override
        public boolean isReady() {
            return raw.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            raw.setReadListener(listener);
        }
    }
}
