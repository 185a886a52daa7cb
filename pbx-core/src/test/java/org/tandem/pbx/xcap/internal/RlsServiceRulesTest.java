package org.tandem.pbx.xcap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.pbx.xcap.internal.NodeEditsTest.conflictOf;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.xcap.RlsService;

/** RLS services (RFC 4826 §4): what a service's list is, and the constraints among all users' documents. */
class RlsServiceRulesTest {

    static final SipDomain DOMAIN = new SipDomain("example.com");
    static final String LISTS = """
            <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
              <list name="friends"><entry uri="sip:bob@example.com"/>
                <list name="close"><entry uri="sip:carol@example.com"/></list></list>
              <list name="work"><entry uri="sip:dave@example.com"/></list>
            </resource-lists>
            """;

    static String services(String... services) {
        return "<rls-services xmlns=\"urn:ietf:params:xml:ns:rls-services\" "
                + "xmlns:rl=\"urn:ietf:params:xml:ns:resource-lists\">" + String.join("", services) + "</rls-services>";
    }

    static String reference(String uri, String ref) {
        return "<service uri=\"" + uri + "\"><resource-list>" + ref + "</resource-list>"
                + "<packages><package>presence</package></packages></service>";
    }

    @Test
    void aServiceIsItsInlineListOrTheBuddyListNodeItPointsTo() {
        String doc = services(
                "<service uri=\"sip:alice-team@example.com\"><list><rl:entry uri=\"sip:erin@example.com\"/>"
                        + "<rl:list name=\"sub\"><rl:entry uri=\"sip:frank@example.com\"/></rl:list></list></service>",
                reference(
                        "sip:alice-friends@example.com",
                        "http://pbx.example.com/xcap-root/resource-lists/users/"
                                + "sip:alice@example.com/index/~~/resource-lists/list%5B@name=%22friends%22%5D"),
                reference("sip:alice-all@example.com", "/xcap-root/resource-lists/users/sip:alice@example.com/index"),
                reference(
                        "sip:alice-gone@example.com",
                        "/xcap-root/resource-lists/users/sip:alice@example.com/index"
                                + "/~~/resource-lists/list%5B@name=%22nope%22%5D"));
        List<RlsService> s = RlsServiceRules.services("alice", doc, LISTS);
        assertThat(s)
                .extracting(RlsService::uri)
                .containsExactly(
                        "sip:alice-team@example.com",
                        "sip:alice-friends@example.com",
                        "sip:alice-all@example.com",
                        "sip:alice-gone@example.com");
        assertThat(s.get(0).members()).containsExactly("sip:erin@example.com", "sip:frank@example.com");
        assertThat(s.get(0).serves("dialog")).as("no <packages>: any package").isTrue();
        assertThat(s.get(1).members())
                .as("the friends list and its sublist")
                .containsExactly("sip:bob@example.com", "sip:carol@example.com");
        assertThat(s.get(1).serves("presence")).isTrue();
        assertThat(s.get(1).serves("dialog")).isFalse();
        assertThat(s.get(2).members()).hasSize(3);
        assertThat(s.get(3).members()).isEmpty();
        assertThat(RlsServiceRules.services("alice", doc, null).get(1).members())
                .as("no buddy list stored")
                .isEmpty();
    }

    @Test
    void serviceUrisAreOfTheDomainFreeAndTheReferenceIsTheOwnersOwn() {
        String own = "/xcap-root/resource-lists/users/sip:alice@example.com/index";
        RlsServiceRules.check(
                "alice", services(reference("sip:alice-x@example.com", own)), DOMAIN, n -> false, Set.of());
        assertThat(conflictOf(
                        () -> RlsServiceRules.check(
                                "alice", services(reference("sip:x@elsewhere.org", own)), DOMAIN, n -> false, Set.of()),
                        "<constraint-failure phrase="))
                .isEqualTo(409);
        assertThat(conflictOf(
                        () -> RlsServiceRules.check(
                                "alice",
                                services(reference("sip:201@example.com", own)),
                                DOMAIN,
                                "201"::equals,
                                Set.of()),
                        "constraint-failure"))
                .as("a user's number")
                .isEqualTo(409);
        assertThat(conflictOf(
                        () -> RlsServiceRules.check(
                                "alice",
                                services(reference("sip:bob-buddies@example.com", own)),
                                DOMAIN,
                                n -> false,
                                Set.of()),
                        "constraint-failure"))
                .as("a buddy list's name")
                .isEqualTo(409);
        assertThat(conflictOf(
                        () -> RlsServiceRules.check(
                                "alice",
                                services(reference("sip:team@example.com", own)),
                                DOMAIN,
                                n -> false,
                                Set.of("sip:team@EXAMPLE.com")),
                        "<alt-value>sip:alice-team@example.com</alt-value>"))
                .as("bob's already")
                .isEqualTo(409);
        assertThat(conflictOf(
                        () -> RlsServiceRules.check(
                                "alice",
                                services(reference(
                                        "sip:alice-x@example.com",
                                        "/xcap-root/resource-lists/users/sip:bob@example.com/index")),
                                DOMAIN,
                                n -> false,
                                Set.of()),
                        "constraint-failure"))
                .as("bob's buddy list")
                .isEqualTo(409);
    }
}
