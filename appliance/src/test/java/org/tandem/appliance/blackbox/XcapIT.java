package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The XCAP server (RFC 4825) as a buddy-list client uses it, over real HTTP against the appliance jar: the requests
 * Jitsi Desktop and Blink send (capabilities, a missing list, the list PUT, an entry added and read back by node
 * selector, an entry removed, presence rules stored) with HTTP Digest on the SIP secret and Basic on the web
 * password; and what must be refused: no or wrong credentials (401), another user's documents (403), malformed XML,
 * a schema error, a duplicate entry (409 with the XCAP error element), a stale ETag (412), too large (413), the wrong
 * type (415), an XML external entity.
 */
class XcapIT {

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension("--tandem.xcap.max-document-bytes=4096");

    static final String SECRET = "Xcap-sip-secret-1";
    static final String WEB = "xcap-web-password";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String LISTS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
              <list name="buddies"><entry uri="sip:702@%s"><display-name>Rita</display-name></entry></list>
            </resource-lists>
            """;
    static final String RULES = """
            <?xml version="1.0" encoding="UTF-8"?>
            <cr:ruleset xmlns:cr="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules">
              <cr:rule id="buddies"><cr:conditions><cr:identity><cr:one id="sip:702@%s"/></cr:identity></cr:conditions>
                <cr:actions><pr:sub-handling>allow</pr:sub-handling></cr:actions><cr:transformations/></cr:rule>
            </cr:ruleset>
            """;

    @BeforeAll
    static void users() {
        tandem.api().createUser("701", "Xavier Cap", SECRET);
        tandem.api().createUser("702", "Rita", "Xcap-sip-secret-2");
        assertThat(tandem.api().send("PUT", "/api/v1/users/701/web-password", "{\"password\":\"" + WEB + "\"}").status())
                .isEqualTo(204);
        assertThat(tandem.api().send("PUT", "/api/v1/users/701/web-password", "{\"password\":\"short\"}").body())
                .contains("webPassword");
    }

    static String domain() {
        return tandem.process().domain();
    }

    static String doc(String auid, String user) {
        return "/xcap-root/" + auid + "/users/sip:" + user + "@" + domain() + "/index";
    }

    static String node(String auid, String selector) {
        return doc(auid, "701") + "/~~/" + URLEncoder.encode(selector, StandardCharsets.UTF_8)
                .replace("%2F", "/").replace("+", "%20");
    }

    @Test
    void aBuddyListClientsRequestsWithDigestOnTheSipSecret() throws Exception {
        HttpResponse<String> caps = digest("GET", "/xcap-root/xcap-caps/global/index", null, null, Map.of());
        assertThat(caps.statusCode()).isEqualTo(200);
        assertThat(caps.headers().firstValue("Content-Type")).contains("application/xcap-caps+xml");
        assertThat(caps.body()).contains("<auid>resource-lists</auid>").contains("<auid>pres-rules</auid>");

        assertThat(digest("GET", doc("resource-lists", "701"), null, null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(digest("PUT", node("resource-lists", "resource-lists/list[@name=\"x\"]"), "application/xcap-el+xml",
                "<list name=\"x\"/>", Map.of()).statusCode()).as("a node of no document").isEqualTo(404);
        HttpResponse<String> created = digest("PUT", doc("resource-lists", "701"), "application/resource-lists+xml",
                LISTS.formatted(domain()), Map.of("If-None-Match", "*"));
        assertThat(created.statusCode()).isEqualTo(201);
        String etag = created.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> added = digest("PUT", node("resource-lists",
                "resource-lists/list[@name=\"buddies\"]/entry[@uri=\"sip:703@" + domain() + "\"]"),
                "application/xcap-el+xml", "<entry uri=\"sip:703@" + domain() + "\"><display-name>Otto</display-name></entry>",
                Map.of("If-Match", etag));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        String etag2 = added.headers().firstValue("ETag").orElseThrow();
        assertThat(etag2).isNotEqualTo(etag);

        HttpResponse<String> name = digest("GET", node("resource-lists", "resource-lists/list[1]/entry[2]/display-name"),
                null, null, Map.of());
        assertThat(name.headers().firstValue("Content-Type")).contains("application/xcap-el+xml");
        assertThat(name.body()).contains("Otto");
        HttpResponse<String> uri = digest("GET", node("resource-lists", "resource-lists/list[1]/entry[1]/@uri"), null, null,
                Map.of());
        assertThat(uri.headers().firstValue("Content-Type")).contains("application/xcap-att+xml");
        assertThat(uri.body()).isEqualTo("sip:702@" + domain());

        // a client still holding the first version: 412, nothing changed
        assertThat(digest("DELETE", node("resource-lists", "resource-lists/list[1]/entry[@uri=\"sip:702@" + domain() + "\"]"),
                null, null, Map.of("If-Match", etag)).statusCode()).isEqualTo(412);
        assertThat(digest("DELETE", node("resource-lists", "resource-lists/list[1]/entry[@uri=\"sip:702@" + domain() + "\"]"),
                null, null, Map.of("If-Match", etag2)).statusCode()).isEqualTo(200);
        assertThat(digest("GET", doc("resource-lists", "701"), null, null, Map.of()).body())
                .doesNotContain("sip:702@").contains("sip:703@");

        HttpResponse<String> rules = digest("PUT", doc("pres-rules", "701"), "application/auth-policy+xml",
                RULES.formatted(domain()), Map.of());
        assertThat(rules.statusCode()).isEqualTo(201);
    }

    @Test
    void basicWithTheWebPasswordAndWhatIsRefused() throws Exception {
        HttpResponse<String> none = send("GET", doc("pres-rules", "701"), null, null, Map.of());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().allValues("WWW-Authenticate")).anyMatch(c -> c.startsWith("Digest"))
                .anyMatch(c -> c.startsWith("Basic"));
        assertThat(basic("GET", doc("pres-rules", "701"), "701", "wrong-password", null, null).statusCode())
                .isEqualTo(401);
        assertThat(basic("GET", doc("resource-lists", "702"), "701", WEB, null, null).statusCode())
                .as("another user's").isEqualTo(403);
        assertThat(basic("GET", doc("resource-lists", "709"), "701", WEB, null, null).statusCode())
                .as("nobody's: the same answer").isEqualTo(403);

        String path = doc("resource-lists", "701");
        HttpResponse<String> malformed = basic("PUT", path, "701", WEB, "application/resource-lists+xml", "<resource-lists");
        assertThat(malformed.statusCode()).isEqualTo(409);
        assertThat(malformed.headers().firstValue("Content-Type")).contains("application/xcap-error+xml");
        assertThat(malformed.body()).contains("<not-well-formed/>");
        assertThat(basic("PUT", path, "701", WEB, "application/resource-lists+xml",
                "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list><entry/></list></resource-lists>")
                .body()).contains("<schema-validation-error/>");
        assertThat(basic("PUT", path, "701", WEB, "application/resource-lists+xml",
                "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list><entry uri=\"sip:a@b\"/>"
                        + "<entry uri=\"sip:a@b\"/></list></resource-lists>").body()).contains("<uniqueness-failure>");
        HttpResponse<String> xxe = basic("PUT", path, "701", WEB, "application/resource-lists+xml",
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\">&x;</resource-lists>");
        assertThat(xxe.statusCode()).isEqualTo(409);
        assertThat(xxe.body()).doesNotContain("root:");
        assertThat(basic("PUT", path, "701", WEB, "application/xml", LISTS.formatted(domain())).statusCode())
                .isEqualTo(415);
        String big = "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list>"
                + "<entry uri=\"sip:x@y\"/>".repeat(300) + "</list></resource-lists>";
        assertThat(basic("PUT", path, "701", WEB, "application/resource-lists+xml", big).statusCode()).isEqualTo(413);
    }

    private static HttpResponse<String> basic(String method, String path, String user, String password, String type,
                                              String body) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(method, path, type, body, Map.of("Authorization", auth));
    }

    /** RFC 7616 with MD5 and qop=auth, as an XCAP client answers the server's challenge with the SIP secret. */
    private static HttpResponse<String> digest(String method, String path, String type, String body,
                                               Map<String, String> headers) throws Exception {
        HttpResponse<String> challenge = send(method, path, type, body, headers);
        assertThat(challenge.statusCode()).isEqualTo(401);
        String md5 = challenge.headers().allValues("WWW-Authenticate").stream()
                .filter(c -> c.startsWith("Digest") && c.contains("algorithm=MD5")).findFirst().orElseThrow();
        Map<String, String> p = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))").matcher(md5);
        while (m.find()) p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        String cnonce = "c" + System.nanoTime();
        String ha1 = hex("701:" + p.get("realm") + ":" + SECRET);
        String ha2 = hex(method + ":" + path);
        String response = hex(ha1 + ":" + p.get("nonce") + ":00000001:" + cnonce + ":auth:" + ha2);
        String auth = "Digest username=\"701\", realm=\"" + p.get("realm") + "\", nonce=\"" + p.get("nonce")
                + "\", uri=\"" + path + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"" + cnonce
                + "\", response=\"" + response + "\"";
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", auth);
        return send(method, path, type, body, all);
    }

    private static HttpResponse<String> send(String method, String path, String type, String body,
                                             Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(tandem.process().httpUri("/") + path.substring(1)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (type != null) b.header("Content-Type", type);
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
