package org.tandem.pbx.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.pbx.presence.PresenceIT.subscribe;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.TcpSipPeer;

/**
 * Tandem as resource list server (RFC 4662) for busy lamps: one SUBSCRIBE to a list URI, then NOTIFYs of
 * multipart/related with the list meta-information (validated against RFC 4662's schema) and one dialog-info part per
 * member (RFC 4235's schema): full state first, then only the member whose call changed. Only the list's owner may
 * subscribe, and only with {@code Supported: eventlist} (else 421 with Require). Raw SIP over TCP.
 */
class ResourceListIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static final String DOMAIN = PbxTestContext.DOMAIN;
    static final String ACCEPT = "application/dialog-info+xml, multipart/related, application/rlmi+xml";

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(
                data,
                Map.of(
                        "tandem.auth.algorithms",
                        "MD5,SHA-256",
                        "tandem.sip.keepalive-interval",
                        "1h",
                        "tandem.test.resource-lists",
                        "471-blf=471:472,473,479"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : new String[] {"471", "472", "473", "474"}) {
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
        }
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @Test
    void oneSubscriptionLightsEveryLampOfTheList() {
        try (TcpSipPeer phone = new TcpSipPeer(pbx.sipPort());
                RawPhone callee = new RawPhone(pbx.sipPort(), DOMAIN, "472", "secret472");
                RawPhone caller = new RawPhone(pbx.sipPort(), DOMAIN, "474", "secret474")) {
            SipText ok = subscribe(phone, "471", "471-blf", "dialog", ACCEPT, 600, null, "Supported: eventlist\r\n");
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            assertThat(ok.header("Require")).isEqualTo("eventlist");

            SipText first = PresenceIT.notifyUnchecked(phone);
            assertThat(first.header("Require")).isEqualTo("eventlist");
            Map<String, String> parts = parts(first);
            String rlmi = parts.values().iterator().next();
            assertThat(rlmi)
                    .contains("uri=\"sip:471-blf@" + DOMAIN + "\"")
                    .contains("fullState=\"true\"")
                    .contains("version=\"0\"")
                    .contains("sip:472@" + DOMAIN)
                    .contains("sip:473@" + DOMAIN)
                    .as("479 is nobody: not on the list Tandem serves")
                    .doesNotContain("sip:479@");
            assertThat(parts)
                    .as("the RLMI and a dialog-info document for each member")
                    .hasSize(3);

            callee.register();
            RawPhone.Leg call = caller.invite("472");
            SipText invite = callee.request("INVITE");
            callee.respond(invite, 180, "Ringing");
            SipText ringing = awaitMember(phone, "472", "early");
            String partialRlmi = parts(ringing).values().iterator().next();
            assertThat(partialRlmi)
                    .contains("fullState=\"false\"")
                    .contains("sip:472@")
                    .doesNotContain("sip:473@");
            caller.cancel(call);
            callee.respond(callee.request("CANCEL"), 200, "OK");
            callee.respond(invite, 487, "Request Terminated");
            awaitMember(phone, "472", "terminated");
        }
    }

    @Test
    void onlyItsOwnerWithEventlistSupportMaySubscribe() {
        try (TcpSipPeer phone = new TcpSipPeer(pbx.sipPort())) {
            SipText noSupport = subscribe(phone, "471", "471-blf", "dialog", ACCEPT, 600);
            assertThat(noSupport.status()).isEqualTo(421);
            assertThat(noSupport.header("Require")).isEqualTo("eventlist");
            SipText stranger =
                    subscribe(phone, "472", "471-blf", "dialog", ACCEPT, 600, null, "Supported: eventlist\r\n");
            assertThat(stranger.status()).isEqualTo(403);
            SipText noMultipart = subscribe(
                    phone,
                    "471",
                    "471-blf",
                    "dialog",
                    "application/dialog-info+xml",
                    600,
                    null,
                    "Supported: eventlist\r\n");
            assertThat(noMultipart.status()).isEqualTo(406);
            SipText noList =
                    subscribe(phone, "471", "471-nothing", "dialog", ACCEPT, 600, null, "Supported: eventlist\r\n");
            assertThat(noList.status()).isEqualTo(404);
        }
    }

    /** The next NOTIFY whose dialog-info part for {@code member} has a dialog in {@code state}. */
    private static SipText awaitMember(TcpSipPeer phone, String member, String state) {
        for (int i = 0; i < 10; i++) {
            SipText n = PresenceIT.notifyUnchecked(phone);
            for (String part : parts(n).values()) {
                if (part.contains("entity=\"sip:" + member + "@")
                        && Pattern.compile("<state[^>]*>" + state + "</state>")
                                .matcher(part)
                                .find()) {
                    return n;
                }
            }
        }
        throw new AssertionError("no NOTIFY with " + member + " " + state);
    }

    /**
     * The parts of a multipart/related body (RFC 2387) by Content-ID, the start (RLMI) first; each validated: the
     * RLMI against RFC 4662's schema, the others against RFC 4235's; every cid the RLMI names is a part.
     */
    static Map<String, String> parts(SipText notify) {
        String type = notify.header("Content-Type");
        assertThat(type).startsWith("multipart/related").contains("type=\"application/rlmi+xml\"");
        Matcher b = Pattern.compile("boundary=\"([^\"]+)\"").matcher(type);
        Matcher start = Pattern.compile("start=\"<([^>]+)>\"").matcher(type);
        assertThat(b.find() && start.find()).as(type).isTrue();
        String body = notify.body();
        assertThat(body).endsWith("--" + b.group(1) + "--\r\n");
        Map<String, String> parts = new LinkedHashMap<>();
        List<String> types = new ArrayList<>();
        for (String chunk : body.split("--" + Pattern.quote(b.group(1)))) {
            int blank = chunk.indexOf("\r\n\r\n");
            if (blank < 0) continue;
            String headers = chunk.substring(0, blank);
            Matcher cid = Pattern.compile("Content-ID: <([^>]+)>").matcher(headers);
            assertThat(cid.find()).as(headers).isTrue();
            parts.put(cid.group(1), chunk.substring(blank + 4).strip());
            types.add(headers);
        }
        assertThat(parts.keySet().iterator().next())
                .as("the start part comes first")
                .isEqualTo(start.group(1));
        String rlmi = parts.values().iterator().next();
        validate(RLMI, rlmi);
        for (var e : parts.entrySet()) {
            if (e.getKey().equals(start.group(1))) continue;
            assertThat(rlmi).contains("cid=\"" + e.getKey() + "\"");
            DialogInfoSchema.validate(e.getValue());
        }
        return parts;
    }

    static final Schema RLMI;

    static {
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            RLMI = f.newSchema(ResourceListIT.class.getResource("/xsd/rlmi.xsd"));
        } catch (org.xml.sax.SAXException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static void validate(Schema schema, String xml) {
        try {
            schema.newValidator().validate(new StreamSource(new StringReader(xml)));
        } catch (org.xml.sax.SAXException | java.io.IOException e) {
            throw new AssertionError("Not valid RLMI: " + e.getMessage() + "\n" + xml, e);
        }
    }
}
