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
    // own appliance: a 4 KB XCAP document limit is a startup flag
    static final TandemExtension tandem = new TandemExtension("--tandem.xcap.max-document-bytes=4096");

    static final String SECRET = "Xcap-sip-secret-1";
    static final String SECRET2 = "Xcap-sip-secret-2";
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
        tandem.api().createUser("702", "Rita", SECRET2);
        assertThat(tandem.api()
                        .send("PUT", "/api/v1/users/701/web-password", "{\"password\":\"" + WEB + "\"}")
                        .status())
                .isEqualTo(204);
        assertThat(tandem.api()
                        .send("PUT", "/api/v1/users/701/web-password", "{\"password\":\"short\"}")
                        .body())
                .contains("webPassword");
    }

    static String domain() {
        return tandem.process().domain();
    }

    static String doc(String auid, String user) {
        return "/xcap-root/" + auid + "/users/sip:" + user + "@" + domain() + "/index";
    }

    static String node(String auid, String selector) {
        return doc(auid, "701") + "/~~/"
                + URLEncoder.encode(selector, StandardCharsets.UTF_8)
                        .replace("%2F", "/")
                        .replace("+", "%20");
    }

    @Test
    void aBuddyListClientsRequestsWithDigestOnTheSipSecret() throws Exception {
        HttpResponse<String> caps = digest("GET", "/xcap-root/xcap-caps/global/index", null, null, Map.of());
        assertThat(caps.statusCode()).isEqualTo(200);
        assertThat(caps.headers().firstValue("Content-Type")).contains("application/xcap-caps+xml");
        assertThat(caps.body()).contains("<auid>resource-lists</auid>").contains("<auid>pres-rules</auid>");

        assertThat(digest("GET", doc("resource-lists", "701"), null, null, Map.of())
                        .statusCode())
                .isEqualTo(404);
        assertThat(digest(
                                "PUT",
                                node("resource-lists", "resource-lists/list[@name=\"x\"]"),
                                "application/xcap-el+xml",
                                "<list name=\"x\"/>",
                                Map.of())
                        .statusCode())
                .as("a node of no document")
                .isEqualTo(404);
        HttpResponse<String> created = digest(
                "PUT",
                doc("resource-lists", "701"),
                "application/resource-lists+xml",
                LISTS.formatted(domain()),
                Map.of("If-None-Match", "*"));
        assertThat(created.statusCode()).isEqualTo(201);
        String etag = created.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> added = digest(
                "PUT",
                node(
                        "resource-lists",
                        "resource-lists/list[@name=\"buddies\"]/entry[@uri=\"sip:703@" + domain() + "\"]"),
                "application/xcap-el+xml",
                "<entry uri=\"sip:703@" + domain() + "\"><display-name>Otto</display-name></entry>",
                Map.of("If-Match", etag));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        String etag2 = added.headers().firstValue("ETag").orElseThrow();
        assertThat(etag2).isNotEqualTo(etag);

        HttpResponse<String> name = digest(
                "GET", node("resource-lists", "resource-lists/list[1]/entry[2]/display-name"), null, null, Map.of());
        assertThat(name.headers().firstValue("Content-Type")).contains("application/xcap-el+xml");
        assertThat(name.body()).contains("Otto");
        HttpResponse<String> uri =
                digest("GET", node("resource-lists", "resource-lists/list[1]/entry[1]/@uri"), null, null, Map.of());
        assertThat(uri.headers().firstValue("Content-Type")).contains("application/xcap-att+xml");
        assertThat(uri.body()).isEqualTo("sip:702@" + domain());

        // a client still holding the first version: 412, nothing changed
        assertThat(digest(
                                "DELETE",
                                node(
                                        "resource-lists",
                                        "resource-lists/list[1]/entry[@uri=\"sip:702@" + domain() + "\"]"),
                                null,
                                null,
                                Map.of("If-Match", etag))
                        .statusCode())
                .isEqualTo(412);
        assertThat(digest(
                                "DELETE",
                                node(
                                        "resource-lists",
                                        "resource-lists/list[1]/entry[@uri=\"sip:702@" + domain() + "\"]"),
                                null,
                                null,
                                Map.of("If-Match", etag2))
                        .statusCode())
                .isEqualTo(200);
        assertThat(digest("GET", doc("resource-lists", "701"), null, null, Map.of())
                        .body())
                .doesNotContain("sip:702@")
                .contains("sip:703@");

        HttpResponse<String> rules = digest(
                "PUT", doc("pres-rules", "701"), "application/auth-policy+xml", RULES.formatted(domain()), Map.of());
        assertThat(rules.statusCode()).isEqualTo(201);
    }

    @Test
    void basicWithTheWebPasswordAndWhatIsRefused() throws Exception {
        HttpResponse<String> none = send("GET", doc("pres-rules", "701"), null, null, Map.of());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().allValues("WWW-Authenticate"))
                .anyMatch(c -> c.startsWith("Digest"))
                .anyMatch(c -> c.startsWith("Basic"));
        assertThat(basic("GET", doc("pres-rules", "701"), "701", "wrong-password", null, null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(basic("GET", doc("resource-lists", "702"), "701", WEB, null, null)
                        .statusCode())
                .as("another user's")
                .isEqualTo(403);
        assertThat(basic("GET", doc("resource-lists", "709"), "701", WEB, null, null)
                        .statusCode())
                .as("nobody's: the same answer")
                .isEqualTo(403);

        String path = doc("resource-lists", "701");
        HttpResponse<String> malformed =
                basic("PUT", path, "701", WEB, "application/resource-lists+xml", "<resource-lists");
        assertThat(malformed.statusCode()).isEqualTo(409);
        assertThat(malformed.headers().firstValue("Content-Type")).contains("application/xcap-error+xml");
        assertThat(malformed.body()).contains("<not-well-formed/>");
        assertThat(basic(
                                "PUT",
                                path,
                                "701",
                                WEB,
                                "application/resource-lists+xml",
                                "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list><entry/></list></resource-lists>")
                        .body())
                .contains("<schema-validation-error phrase=\"")
                .contains("needs a uri");
        assertThat(basic(
                                "PUT",
                                path,
                                "701",
                                WEB,
                                "application/resource-lists+xml",
                                "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list><entry uri=\"sip:a@b\"/>"
                                        + "<entry uri=\"sip:a@b\"/></list></resource-lists>")
                        .body())
                .contains("<uniqueness-failure>");
        HttpResponse<String> xxe = basic(
                "PUT",
                path,
                "701",
                WEB,
                "application/resource-lists+xml",
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\">&x;</resource-lists>");
        assertThat(xxe.statusCode()).isEqualTo(409);
        assertThat(xxe.body()).doesNotContain("root:");
        assertThat(basic("PUT", path, "701", WEB, "application/xml", LISTS.formatted(domain()))
                        .statusCode())
                .isEqualTo(415);
        String big = "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list>"
                + "<entry uri=\"sip:x@y\"/>".repeat(300) + "</list></resource-lists>";
        assertThat(basic("PUT", path, "701", WEB, "application/resource-lists+xml", big)
                        .statusCode())
                .isEqualTo(413);
    }

    /**
     * What Blink and Jitsi do beyond a buddy list: an RLS service pointing at the list (RFC 4826 §4; another user cannot
     * take its URI), an entry put at a position (RFC 4825 §8.2.3), the namespace bindings of an element (§7.10), a
     * document the schema refuses with the validator's phrase (§8.2.5).
     */
    @Test
    void rlsServicesPositionsNamespacesAndTheSchema() throws Exception {
        String d = domain();
        HttpResponse<String> lists = digest(
                "702",
                SECRET2,
                "PUT",
                doc("resource-lists", "702"),
                "application/resource-lists+xml",
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <rl:resource-lists xmlns:rl="urn:ietf:params:xml:ns:resource-lists" xmlns:x="urn:example:groups">
                  <rl:list name="team"><rl:entry uri="sip:701@%1$s"/><rl:entry uri="sip:703@%1$s"/><x:color>red</x:color></rl:list>
                </rl:resource-lists>
                """.formatted(d),
                Map.of());
        assertThat(lists.statusCode()).as(lists.body()).isEqualTo(201);
        HttpResponse<String> second = digest(
                "702",
                SECRET2,
                "PUT",
                node702("resource-lists", "resource-lists/list[@name=\"team\"]/entry[2][@uri=\"sip:704@" + d + "\"]"),
                "application/xcap-el+xml",
                "<entry uri=\"sip:704@" + d + "\"/>",
                Map.of());
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(digest(
                                "702",
                                SECRET2,
                                "GET",
                                node702("resource-lists", "resource-lists/list/*[2]/@uri"),
                                null,
                                null,
                                Map.of())
                        .body())
                .as("inserted second, before 703")
                .isEqualTo("sip:704@" + d);
        HttpResponse<String> last = digest(
                "702",
                SECRET2,
                "PUT",
                node702("resource-lists", "resource-lists/list/entry[@uri=\"sip:705@" + d + "\"]"),
                "application/xcap-el+xml",
                "<entry uri=\"sip:705@" + d + "\"/>",
                Map.of());
        assertThat(last.statusCode())
                .as("after the last entry, before the extension element: schema-valid")
                .isEqualTo(201);
        assertThat(digest(
                                "702",
                                SECRET2,
                                "GET",
                                node702("resource-lists", "resource-lists/list/entry[4]/@uri"),
                                null,
                                null,
                                Map.of())
                        .body())
                .isEqualTo("sip:705@" + d);
        assertThat(digest(
                                "702",
                                SECRET2,
                                "PUT",
                                node702("resource-lists", "resource-lists/list/entry[9]"),
                                "application/xcap-el+xml",
                                "<entry uri=\"sip:709@" + d + "\"/>",
                                Map.of())
                        .body())
                .contains("<cannot-insert");

        HttpResponse<String> ns = digest(
                "702",
                SECRET2,
                "GET",
                node702("resource-lists", "resource-lists/list/namespace::*"),
                null,
                null,
                Map.of());
        assertThat(ns.statusCode()).isEqualTo(200);
        assertThat(ns.headers().firstValue("Content-Type")).contains("application/xcap-ns+xml");
        assertThat(ns.body()).startsWith("<rl:list").contains("xmlns:x=\"urn:example:groups\"");
        assertThat(digest(
                                "702",
                                SECRET2,
                                "DELETE",
                                node702("resource-lists", "resource-lists/list/namespace::*"),
                                null,
                                null,
                                Map.of())
                        .statusCode())
                .isEqualTo(405);
        HttpResponse<String> color = digest(
                "702",
                SECRET2,
                "GET",
                node702("resource-lists", "resource-lists/list/g:color") + "?"
                        + URLEncoder.encode("xmlns(g=urn:example:groups)", StandardCharsets.UTF_8)
                                .replace("+", "%20"),
                null,
                null,
                Map.of());
        assertThat(color.statusCode()).as("RFC 4825 §6.4 prefix from the query").isEqualTo(200);
        assertThat(color.body()).contains(">red<");

        String service = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rls-services xmlns="urn:ietf:params:xml:ns:rls-services">
                  <service uri="sip:team@%1$s">
                    <resource-list>%2$s</resource-list>
                    <packages><package>presence</package></packages>
                  </service>
                </rls-services>
                """;
        String ref = tandem.process().httpUri("/")
                + node702("resource-lists", "resource-lists/list[@name=\"team\"]")
                        .substring(1);
        String ref701 = tandem.process().httpUri("/")
                + node("resource-lists", "resource-lists/list[1]").substring(1);
        HttpResponse<String> rls = digest(
                "702",
                SECRET2,
                "PUT",
                doc("rls-services", "702"),
                "application/rls-services+xml",
                service.formatted(d, ref),
                Map.of());
        assertThat(rls.statusCode()).as(rls.body()).isEqualTo(201);
        HttpResponse<String> taken = digest(
                "PUT",
                doc("rls-services", "701"),
                "application/rls-services+xml",
                service.formatted(d, ref701),
                Map.of());
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body())
                .contains("<uniqueness-failure>")
                .contains("<alt-value>sip:701-team@" + d + "</alt-value>");
        HttpResponse<String> others = digest(
                "PUT",
                doc("rls-services", "701"),
                "application/rls-services+xml",
                service.formatted(d, ref).replace("sip:team@", "sip:701-team@"),
                Map.of());
        assertThat(others.body()).as("702's list is not 701's to publish").contains("<constraint-failure");
        assertThat(digest("GET", "/xcap-root/xcap-caps/global/index", null, null, Map.of())
                        .body())
                .contains("<auid>rls-services</auid>");

        HttpResponse<String> badRules = digest(
                "702",
                SECRET2,
                "PUT",
                doc("pres-rules", "702"),
                "application/auth-policy+xml",
                RULES.formatted(d).replace(">allow<", ">maybe<"),
                Map.of());
        assertThat(badRules.statusCode()).isEqualTo(409);
        assertThat(badRules.body())
                .contains("<schema-validation-error phrase=\"")
                .contains("maybe");
    }

    static String node702(String auid, String selector) {
        return doc(auid, "702") + "/~~/"
                + URLEncoder.encode(selector, StandardCharsets.UTF_8)
                        .replace("%2F", "/")
                        .replace("+", "%20");
    }

    private static HttpResponse<String> basic(
            String method, String path, String user, String password, String type, String body) throws Exception {
        String auth =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(method, path, type, body, Map.of("Authorization", auth));
    }

    /** RFC 7616 with MD5 and qop=auth, as an XCAP client answers the server's challenge with the SIP secret. */
    /**
     * Conditional requests (RFC 4825 §7.11, RFC 7232 §3.1, §3.2): a client that holds the current version of its list
     * asks with If-None-Match and gets 304 with the ETag and no body, for the document and for a node of it; a PUT
     * with If-None-Match of the current ETag is 412 and changes nothing; a GET with If-Match of a version that is no
     * longer stored is 412, with the current one 200.
     */
    @Test
    void conditionalReadsAndWritesOnTheDocumentsEntityTag() throws Exception {
        String secret = "Xcap-sip-secret-5";
        tandem.api().createUser("705", "Pia Condition", secret);
        String path = doc("resource-lists", "705");
        String entry = path + "/~~/"
                + URLEncoder.encode("resource-lists/list[1]/entry[1]/@uri", StandardCharsets.UTF_8)
                        .replace("%2F", "/");
        HttpResponse<String> created = digest(
                "705", secret, "PUT", path, "application/resource-lists+xml", LISTS.formatted(domain()), Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String stale = created.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> changed = digest(
                "705",
                secret,
                "PUT",
                path,
                "application/resource-lists+xml",
                LISTS.formatted(domain()).replace("Rita", "Rita M."),
                Map.of());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        String current = changed.headers().firstValue("ETag").orElseThrow();
        assertThat(current).isNotEqualTo(stale);

        HttpResponse<String> notModified =
                digest("705", secret, "GET", path, null, null, Map.of("If-None-Match", current));
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().firstValue("ETag")).contains(current);
        assertThat(notModified.body()).isEmpty();
        assertThat(digest("705", secret, "GET", entry, null, null, Map.of("If-None-Match", current))
                        .statusCode())
                .as("a node of the unchanged document")
                .isEqualTo(304);
        assertThat(digest("705", secret, "GET", path, null, null, Map.of("If-None-Match", "*"))
                        .statusCode())
                .isEqualTo(304);
        HttpResponse<String> newer = digest("705", secret, "GET", path, null, null, Map.of("If-None-Match", stale));
        assertThat(newer.statusCode()).as("an old copy gets the new version").isEqualTo(200);
        assertThat(newer.body()).contains("Rita M.");

        HttpResponse<String> exists = digest(
                "705",
                secret,
                "PUT",
                path,
                "application/resource-lists+xml",
                LISTS.formatted(domain()),
                Map.of("If-None-Match", current));
        assertThat(exists.statusCode()).isEqualTo(412);
        HttpResponse<String> unchanged = digest("705", secret, "GET", path, null, null, Map.of());
        assertThat(unchanged.headers().firstValue("ETag")).contains(current);
        assertThat(unchanged.body()).contains("Rita M.");

        assertThat(digest("705", secret, "GET", path, null, null, Map.of("If-Match", stale))
                        .statusCode())
                .as("If-Match of a version no longer stored")
                .isEqualTo(412);
        assertThat(digest("705", secret, "GET", entry, null, null, Map.of("If-Match", stale))
                        .statusCode())
                .isEqualTo(412);
        HttpResponse<String> matched = digest("705", secret, "GET", path, null, null, Map.of("If-Match", current));
        assertThat(matched.statusCode()).isEqualTo(200);
        assertThat(matched.body()).contains("Rita M.");
    }

    private static HttpResponse<String> digest(
            String method, String path, String type, String body, Map<String, String> headers) throws Exception {
        return digest("701", SECRET, method, path, type, body, headers);
    }

    private static HttpResponse<String> digest(
            String user,
            String secret,
            String method,
            String path,
            String type,
            String body,
            Map<String, String> headers)
            throws Exception {
        HttpResponse<String> challenge = send(method, path, type, body, headers);
        assertThat(challenge.statusCode()).isEqualTo(401);
        String md5 = challenge.headers().allValues("WWW-Authenticate").stream()
                .filter(c -> c.startsWith("Digest") && c.contains("algorithm=MD5"))
                .findFirst()
                .orElseThrow();
        Map<String, String> p = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))").matcher(md5);
        while (m.find()) p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        String cnonce = "c" + System.nanoTime();
        String ha1 = hex(user + ":" + p.get("realm") + ":" + secret);
        String ha2 = hex(method + ":" + path);
        String response = hex(ha1 + ":" + p.get("nonce") + ":00000001:" + cnonce + ":auth:" + ha2);
        String auth = "Digest username=\"" + user + "\", realm=\"" + p.get("realm") + "\", nonce=\"" + p.get("nonce")
                + "\", uri=\"" + path + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"" + cnonce
                + "\", response=\"" + response + "\"";
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", auth);
        return send(method, path, type, body, all);
    }

    private static HttpResponse<String> send(
            String method, String path, String type, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(tandem.process().httpUri("/") + path.substring(1)))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (type != null) b.header("Content-Type", type);
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
