package org.tandem.appliance.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** A plain HTTP client for the API, so the tests see exactly what a curl user sees. */
public final class ApiClient {

    public record Response(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;
    private final Duration timeout;
    /** Sent as Accept-Language when not null (RFC 9110 §12.5.4). */
    private final String languages;

    /** An anonymous client of the server on 127.0.0.1:{@code port}. */
    public ApiClient(int port) {
        this("http://127.0.0.1:" + port, null);
    }

    private ApiClient(String base, String authorization) {
        this(base, authorization, Duration.ofSeconds(20), null);
    }

    private ApiClient(String base, String authorization, Duration timeout, String languages) {
        this.base = base;
        this.authorization = authorization;
        this.timeout = timeout;
        this.languages = languages;
    }

    /** The same client waiting up to {@code timeout} for an answer (a call that does slow work, e.g. a backup). */
    public ApiClient patient(Duration timeout) {
        return new ApiClient(base, authorization, timeout, languages);
    }

    /** The same client asking for answers in {@code languages}, sent as Accept-Language (e.g. "de-DE,de;q=0.9"). */
    public ApiClient inLanguage(String languages) {
        return new ApiClient(base, authorization, timeout, languages);
    }

    /** A client of the same server with HTTP Basic credentials (null user = anonymous). */
    public ApiClient as(String user, String password) {
        return new ApiClient(
                base,
                user == null
                        ? null
                        : "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
                timeout,
                languages);
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Response post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    public Response put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    public Response send(String method, String path, String body, String contentType) {
        return text(
                method,
                path,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
                contentType);
    }

    /** Sends a binary body (an audio upload); the answer is read as text (JSON). */
    public Response sendBytes(String method, String path, byte[] body, String contentType) {
        return text(method, path, HttpRequest.BodyPublishers.ofByteArray(body), contentType);
    }

    /** GET of a binary resource (audio); fails unless 200. */
    public byte[] getBytes(String path) {
        HttpResponse<byte[]> r = exchange(
                request("GET", path, HttpRequest.BodyPublishers.noBody(), null),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new AssertionError("GET " + path + " answered " + r.statusCode());
        return r.body();
    }

    private Response text(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        HttpResponse<String> r =
                exchange(request(method, path, body, contentType), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.headers(), r.body());
    }

    private HttpRequest request(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).method(method, body);
        if (contentType != null) b.header("Content-Type", contentType);
        if (authorization != null) b.header("Authorization", authorization);
        if (languages != null) b.header("Accept-Language", languages);
        return b.build();
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
