package org.tandem.pbx.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.pbx.presence.PresenceIT.subscribe;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.TcpSipPeer;
import org.tandem.pbx.xcap.Auid;
import org.tandem.pbx.xcap.XcapDocuments;

/**
 * Subscriptions the XCAP documents make possible, over raw SIP/TCP: an RLS service a user defined (RFC 4826 §4) is one
 * RFC 4662 list subscription, with an inline list or a reference into the buddy list, for the packages it names; and
 * xcap-diff (RFC 5875) tells a client the entity tags of its documents as they are created, changed and removed.
 */
class XcapSubscriptionsIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static final String DOMAIN = PbxTestContext.DOMAIN;
    static final String LIST_ACCEPT = "application/pidf+xml, multipart/related, application/rlmi+xml";

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(
                data,
                Map.of(
                        "tandem.auth.algorithms",
                        "MD5,SHA-256",
                        "tandem.sip.keepalive-interval",
                        "1h",
                        "tandem.xcap.root-url",
                        "https://pbx.example.com/xcap-root/"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : new String[] {"471", "472", "473", "474", "475"}) {
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
        }
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    static XcapDocuments.Written store(String owner, Auid auid, String xml) {
        return pbx.bean(XcapDocuments.class)
                .putDocument(owner, auid, xml.getBytes(StandardCharsets.UTF_8), XcapDocuments.Preconditions.NONE);
    }

    static String entry(String user) {
        return "<rl:entry uri=\"sip:" + user + "@" + DOMAIN + "\"/>";
    }

    static SipText listSubscribe(TcpSipPeer peer, String user, String list, String event) {
        return subscribe(
                peer,
                user,
                list,
                event,
                event.equals("presence")
                        ? LIST_ACCEPT
                        : "application/dialog-info+xml, multipart/related, application/rlmi+xml",
                600,
                null,
                "Supported: eventlist\r\n");
    }

    @Test
    void anRlsServiceIsOneSubscriptionToItsList() {
        store(
                "471",
                Auid.RESOURCE_LISTS,
                "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\" "
                        + "xmlns:rl=\"urn:ietf:params:xml:ns:resource-lists\"><list name=\"desk\">" + entry("473")
                        + entry("474")
                        + "</list></resource-lists>");
        store(
                "471",
                Auid.RLS_SERVICES,
                "<rls-services xmlns=\"urn:ietf:params:xml:ns:rls-services\" "
                        + "xmlns:rl=\"urn:ietf:params:xml:ns:resource-lists\">"
                        + "<service uri=\"sip:471-team@" + DOMAIN + "\"><list name=\"team\">" + entry("472")
                        + entry("473")
                        + "<rl:entry uri=\"sip:someone@elsewhere.example\"/></list><packages><package>presence</package></packages>"
                        + "</service><service uri=\"sip:471-desk@" + DOMAIN
                        + "\"><resource-list>https://pbx/xcap-root/resource-lists"
                        + "/users/sip:471@" + DOMAIN
                        + "/index/~~/resource-lists/list%5B@name=%22desk%22%5D</resource-list>"
                        + "</service></rls-services>");
        try (TcpSipPeer client = new TcpSipPeer(pbx.sipPort());
                TcpSipPeer other = new TcpSipPeer(pbx.sipPort())) {
            SipText ok = listSubscribe(client, "471", "471-team", "presence");
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            assertThat(ok.header("Require")).isEqualTo("eventlist");
            String body = PresenceIT.notifyUnchecked(client).body();
            assertThat(body)
                    .contains("uri=\"sip:471-team@" + DOMAIN + "\"")
                    .contains("sip:472@" + DOMAIN)
                    .contains("sip:473@" + DOMAIN)
                    .doesNotContain("elsewhere.example")
                    .doesNotContain("sip:474@");
            assertThat(body.split("Content-Type: application/pidf\\+xml", -1))
                    .as("one PIDF part per member")
                    .hasSize(3);

            assertThat(listSubscribe(client, "471", "471-team", "dialog").status())
                    .as("<packages> names presence only")
                    .isEqualTo(404);
            assertThat(listSubscribe(other, "472", "471-team", "presence").status())
                    .as("471's service")
                    .isEqualTo(403);

            // the reference into the buddy list, for any package: the dialog package of its members here
            SipText desk = listSubscribe(other, "471", "471-desk", "dialog");
            assertThat(desk.status()).as(desk.toString()).isEqualTo(200);
            assertThat(PresenceIT.notifyUnchecked(other).body())
                    .contains("sip:473@" + DOMAIN)
                    .contains("sip:474@" + DOMAIN)
                    .doesNotContain("sip:472@");

            // the buddy list changes: the service that points into it ends "deactivated", subscribed anew it is the new
            // list
            store(
                    "471",
                    Auid.RESOURCE_LISTS,
                    "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\" "
                            + "xmlns:rl=\"urn:ietf:params:xml:ns:resource-lists\"><list name=\"desk\">" + entry("475")
                            + "</list></resource-lists>");
            SipText ended = PresenceIT.notifyUnchecked(other);
            assertThat(ended.header("Subscription-State"))
                    .startsWith("terminated")
                    .contains("reason=deactivated");
            assertThat(listSubscribe(other, "471", "471-desk", "dialog").status())
                    .isEqualTo(200);
            assertThat(PresenceIT.notifyUnchecked(other).body())
                    .contains("sip:475@" + DOMAIN)
                    .doesNotContain("sip:473@");

            // the service is removed: its subscription ends, and it is no list any more
            pbx.bean(XcapDocuments.class).deleteDocument("471", Auid.RLS_SERVICES, XcapDocuments.Preconditions.NONE);
            assertThat(PresenceIT.notifyUnchecked(client).header("Subscription-State"))
                    .startsWith("terminated");
            assertThat(listSubscribe(client, "471", "471-team", "presence").status())
                    .isEqualTo(404);
        }
    }

    @Test
    void xcapDiffTellsTheEntityTagsOfTheUsersDocuments() {
        String first = store("475", Auid.PRES_RULES, "<cr:ruleset xmlns:cr=\"urn:ietf:params:xml:ns:common-policy\"/>")
                .etag();
        try (TcpSipPeer client = new TcpSipPeer(pbx.sipPort());
                TcpSipPeer other = new TcpSipPeer(pbx.sipPort())) {
            assertThat(subscribe(other, "474", "475", "xcap-diff", "application/xcap-diff+xml", 600)
                            .status())
                    .as("only one's own documents")
                    .isEqualTo(403);

            String watch = "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list>"
                    + "<entry uri=\"pres-rules/users/sip:475@" + DOMAIN + "/index\"/>"
                    + "<entry uri=\"https://pbx.example.com/xcap-root/resource-lists/users/sip:475@" + DOMAIN
                    + "/index\"/>"
                    + "<entry uri=\"resource-lists/users/sip:474@" + DOMAIN + "/index\"/></list></resource-lists>";
            SipText ok = subscribe(
                    client,
                    "475",
                    "475",
                    "xcap-diff",
                    "application/xcap-diff+xml",
                    600,
                    null,
                    "",
                    "application/resource-lists+xml",
                    watch);
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            SipText full = PresenceIT.notifyUnchecked(client);
            assertThat(full.header("Content-Type")).isEqualTo("application/xcap-diff+xml");
            assertThat(full.header("Event")).isEqualTo("xcap-diff");
            assertThat(full.body())
                    .contains("xcap-root=\"https://pbx.example.com/xcap-root/\"")
                    .contains("<document sel=\"pres-rules/users/sip:475@" + DOMAIN + "/index\" new-etag=\"" + first
                            + "\"/>")
                    .as("no buddy list yet; 474's is not 475's to watch")
                    .doesNotContain("resource-lists/users");

            String lists = store(
                            "475",
                            Auid.RESOURCE_LISTS,
                            "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"/>")
                    .etag();
            assertThat(PresenceIT.notifyUnchecked(client).body())
                    .contains("<document sel=\"resource-lists/users/sip:475@" + DOMAIN + "/index\" new-etag=\"" + lists
                            + "\"/>")
                    .doesNotContain("pres-rules");
            store("475", Auid.RLS_SERVICES, "<rls-services xmlns=\"urn:ietf:params:xml:ns:rls-services\"/>");
            String second = store(
                            "475",
                            Auid.PRES_RULES,
                            "<cr:ruleset xmlns:cr=\"urn:ietf:params:xml:ns:common-policy\">"
                                    + "<cr:rule id=\"r\"/></cr:ruleset>")
                    .etag();
            String changed = PresenceIT.notifyUnchecked(client).body();
            assertThat(changed)
                    .as("rls-services is not watched: the next NOTIFY is the rules'")
                    .contains("<document sel=\"pres-rules/users/sip:475@" + DOMAIN + "/index\" previous-etag=\"" + first
                            + "\" new-etag=\"" + second + "\"/>");
            pbx.bean(XcapDocuments.class).deleteDocument("475", Auid.RESOURCE_LISTS, XcapDocuments.Preconditions.NONE);
            String removed = PresenceIT.notifyUnchecked(client).body();
            Matcher m = Pattern.compile("<document sel=\"resource-lists/[^\"]*\" previous-etag=\"([^\"]+)\"/>")
                    .matcher(removed);
            assertThat(m.find()).as(removed).isTrue();
            assertThat(m.group(1)).isEqualTo(lists);

            // without a body: every document of the user
            SipText all = subscribe(other, "475", "475", "xcap-diff", "application/xcap-diff+xml", 600);
            assertThat(all.status()).isEqualTo(200);
            assertThat(PresenceIT.notifyUnchecked(other).body())
                    .contains("pres-rules/users/")
                    .contains("rls-services/users/");
        }
    }
}
