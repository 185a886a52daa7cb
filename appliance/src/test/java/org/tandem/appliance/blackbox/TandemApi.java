package org.tandem.appliance.blackbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The appliance's REST API ({@code /api/v1}) as the admin uses it, over real HTTP. */
public final class TandemApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TandemProcess tandem;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Another account than the first admin (null: the admin's). */
    private final String user;

    private final String password;

    public TandemApi(TandemProcess tandem) {
        this(tandem, null, null);
    }

    private TandemApi(TandemProcess tandem, String user, String password) {
        this.tandem = tandem;
        this.user = user;
        this.password = password;
    }

    /** The API as another admin account (an OPERATOR, a RECEPTIONIST) sees it. */
    public static TandemApi as(TandemProcess tandem, String user, String password) {
        return new TandemApi(tandem, user, password);
    }

    /** An HTTP exchange: status and body as text. */
    public record Reply(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (HTTP " + status + "): " + body, e);
            }
        }
    }

    /** POST /api/v1/users; fails the test unless 201. */
    public JsonNode createUser(String extension, String displayName, String sipPassword) {
        ObjectNode user = JSON.createObjectNode()
                .put("extension", extension)
                .put("displayName", displayName)
                .put("password", sipPassword)
                .put("email", extension + "@example.invalid");
        Reply r = send("POST", "/api/v1/users", user.toString());
        if (r.status() != 201) {
            throw new AssertionError(
                    "POST /api/v1/users for " + extension + " answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    /**
     * PUT /api/v1/voicemail/{ext} enabled=false: for tests of what phones answer (busy, unregistered), where the
     * voicemail box new users get would otherwise answer; fails the test unless 200.
     */
    public void voicemailOff(String extension) {
        Reply r = send("PUT", "/api/v1/voicemail/" + extension, "{\"enabled\":false}");
        if (r.status() != 200) {
            throw new AssertionError(
                    "PUT /api/v1/voicemail/" + extension + " answered " + r.status() + ": " + r.body());
        }
    }

    /** GET /api/v1/registrations: the current bindings. */
    public List<JsonNode> registrations() {
        Reply r = send("GET", "/api/v1/registrations", null);
        if (r.status() != 200) {
            throw new AssertionError("GET /api/v1/registrations answered " + r.status() + ": " + r.body());
        }
        return elements(r.json());
    }

    /** The bindings of one extension (matched on the user part of the AOR). */
    public List<JsonNode> registrationsOf(String extension) {
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode b : registrations()) {
            String aor = text(b, "aor");
            if (aor.equals(extension) || aor.startsWith("sip:" + extension + "@") || aor.startsWith(extension + "@")) {
                mine.add(b);
            }
        }
        return mine;
    }

    /** The contact URIs bound to one extension. */
    public List<String> contactsOf(String extension) {
        return registrationsOf(extension).stream().map(b -> text(b, "contact")).toList();
    }

    /** GET /api/v1/bans. */
    public List<JsonNode> bans() {
        Reply r = send("GET", "/api/v1/bans", null);
        if (r.status() != 200) throw new AssertionError("GET /api/v1/bans answered " + r.status() + ": " + r.body());
        return elements(r.json());
    }

    public boolean isBanned(String address) {
        return bans().stream().anyMatch(b -> address.equals(text(b, "address")));
    }

    /** DELETE /api/v1/bans/{address}. */
    public Reply unban(String address) {
        return send("DELETE", "/api/v1/bans/" + URLEncoder.encode(address, StandardCharsets.UTF_8), null);
    }

    public Reply send(String method, String path, String jsonBody) {
        return exchange(method, path, jsonBody, "application/json");
    }

    /** GET of a binary resource as the admin (a recording's WAV); fails on any status but 200. */
    public byte[] getBytes(String path) {
        String basic = Base64.getEncoder()
                .encodeToString(
                        (TandemProcess.ADMIN_USER + ":" + tandem.adminPassword()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tandem.httpUri(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .GET()
                .build();
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + ": HTTP " + r.statusCode() + " "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** PUT of a binary body as the admin (a prompt's recording): the reply. */
    public Reply putBytes(String path, String contentType, byte[] body) {
        String basic = Base64.getEncoder()
                .encodeToString(
                        (TandemProcess.ADMIN_USER + ":" + tandem.adminPassword()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tandem.httpUri(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new AssertionError("PUT " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** GET of a text resource as the admin, e.g. the Prometheus metrics ({@code /actuator/prometheus}). */
    public Reply getText(String path) {
        return exchange("GET", path, null, "text/plain");
    }

    private Reply exchange(String method, String path, String jsonBody, String accept) {
        String login = user == null ? TandemProcess.ADMIN_USER + ":" + tandem.adminPassword() : user + ":" + password;
        String basic = Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(tandem.httpUri(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Accept", accept);
        if (jsonBody != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A JSON array, or the array inside a wrapper object (e.g. {"items": [...]}) if the API pages. */
    private static List<JsonNode> elements(JsonNode node) {
        JsonNode array = node;
        if (!node.isArray()) {
            array = null;
            for (JsonNode field : node) {
                if (field.isArray()) {
                    array = field;
                    break;
                }
            }
            if (array == null) throw new AssertionError("Expected a JSON list, got " + node);
        }
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
