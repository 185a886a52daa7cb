package org.tandem.pbx.xcap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.xcap.Auid;
import org.tandem.pbx.xcap.XcapException;

/** Node selectors (RFC 4825 §6.3) and the edits they address (§8), on an RFC 4826 buddy list. */
class NodeEditsTest {

    static final String LISTS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
              <list name="friends">
                <entry uri="sip:bob@example.com"><display-name>Bob</display-name></entry>
                <entry uri="sip:carol@example.com"/>
              </list>
              <list name="work"/>
            </resource-lists>
            """;

    static String checked(String xml) {
        return NodeEdits.checkedDocument(Auid.RESOURCE_LISTS, xml.getBytes(StandardCharsets.UTF_8));
    }

    static int conflictOf(Runnable r, String element) {
        try {
            r.run();
        } catch (XcapException e) {
            if (element != null) assertThat(e.errorElement()).contains(element);
            return e.status();
        }
        throw new AssertionError("no XcapException");
    }

    @Test
    void elementsByPositionByAttributeAndAnAttribute() {
        String xml = checked(LISTS);
        assertThat(NodeEdits.select(
                                Auid.RESOURCE_LISTS,
                                xml,
                                "resource-lists/list[@name=\"friends\"]/entry[2]/@uri",
                                Map.of())
                        .content())
                .isEqualTo("sip:carol@example.com");
        assertThat(NodeEdits.select(
                                Auid.RESOURCE_LISTS,
                                xml,
                                "resource-lists/list[1]/entry[@uri='sip:bob@example.com']",
                                Map.of())
                        .content())
                .contains("<display-name>Bob</display-name>")
                .startsWith("<entry");
        assertThat(NodeEdits.select(
                                Auid.RESOURCE_LISTS,
                                xml,
                                "rl:resource-lists/rl:list[2]/@name",
                                Map.of("rl", "urn:ietf:params:xml:ns:resource-lists"))
                        .content())
                .isEqualTo("work");
        assertThat(NodeEdits.select(Auid.RESOURCE_LISTS, xml, "resource-lists/*[2]/@name", Map.of())
                        .content())
                .isEqualTo("work");
        assertThat(NodeEdits.select(Auid.RESOURCE_LISTS, xml, "resource-lists/list/entry", Map.of()))
                .as("two lists: no single node")
                .isNull();
        assertThat(conflictOf(
                        () -> NodeEdits.select(Auid.RESOURCE_LISTS, xml, "resource-lists/list[0]", Map.of()), null))
                .isEqualTo(400);
        assertThat(conflictOf(() -> NodeEdits.select(Auid.RESOURCE_LISTS, xml, "x:resource-lists", Map.of()), null))
                .as("an unbound prefix")
                .isEqualTo(400);
    }

    @Test
    void putInsertsOrReplacesAndMustLandWhereTheSelectorPoints() {
        String xml = checked(LISTS);
        String sel = "resource-lists/list[@name=\"work\"]/entry[@uri=\"sip:dave@example.com\"]";
        NodeEdits.Edited added = NodeEdits.put(
                Auid.RESOURCE_LISTS,
                xml,
                sel,
                Map.of(),
                null,
                "<entry uri=\"sip:dave@example.com\"/>".getBytes(StandardCharsets.UTF_8));
        assertThat(added.created()).isTrue();
        assertThat(NodeEdits.select(Auid.RESOURCE_LISTS, added.xml(), sel + "/@uri", Map.of())
                        .content())
                .isEqualTo("sip:dave@example.com");
        NodeEdits.Edited replaced = NodeEdits.put(
                Auid.RESOURCE_LISTS,
                added.xml(),
                sel,
                Map.of(),
                null,
                "<entry uri=\"sip:dave@example.com\"><display-name>Dave</display-name></entry>"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(replaced.created()).isFalse();
        assertThat(replaced.xml()).contains("Dave");

        assertThat(conflictOf(
                        () -> NodeEdits.put(
                                Auid.RESOURCE_LISTS,
                                xml,
                                sel,
                                Map.of(),
                                null,
                                "<entry uri=\"sip:eve@example.com\"/>".getBytes(StandardCharsets.UTF_8)),
                        "cannot-insert"))
                .isEqualTo(409);
        assertThat(conflictOf(
                        () -> NodeEdits.put(
                                Auid.RESOURCE_LISTS,
                                xml,
                                "resource-lists/list[@name=\"nope\"]/entry[@uri=\"sip:x@example.com\"]",
                                Map.of(),
                                null,
                                "<entry uri=\"sip:x@example.com\"/>".getBytes(StandardCharsets.UTF_8)),
                        "no-parent"))
                .isEqualTo(409);
        // RFC 4826 §3.4.2: one entry per uri in a list
        assertThat(conflictOf(
                        () -> NodeEdits.put(
                                Auid.RESOURCE_LISTS,
                                xml,
                                "resource-lists/list[1]/entry[3]",
                                Map.of(),
                                null,
                                "<entry uri=\"sip:bob@example.com\"/>".getBytes(StandardCharsets.UTF_8)),
                        "uniqueness-failure"))
                .isEqualTo(409);
        assertThat(conflictOf(
                        () -> NodeEdits.put(
                                Auid.RESOURCE_LISTS,
                                xml,
                                "resource-lists/list[1]/entry[3]",
                                Map.of(),
                                null,
                                "<entry uri=\"a\"/><entry uri=\"b\"/>".getBytes(StandardCharsets.UTF_8)),
                        "not-xml-frag"))
                .isEqualTo(409);
    }

    @Test
    void deleteAndAttributes() {
        String xml = checked(LISTS);
        NodeEdits.Edited gone = NodeEdits.delete(
                Auid.RESOURCE_LISTS,
                xml,
                "resource-lists/list[@name=\"friends\"]/entry[@uri=\"sip:bob@example.com\"]",
                Map.of());
        assertThat(gone.xml()).doesNotContain("sip:bob@").contains("sip:carol@");
        assertThat(conflictOf(
                        () -> NodeEdits.delete(Auid.RESOURCE_LISTS, xml, "resource-lists/list[1]/entry[1]", Map.of()),
                        "cannot-delete"))
                .as("by position the next entry would move up")
                .isEqualTo(409);
        assertThat(conflictOf(
                        () -> NodeEdits.delete(Auid.RESOURCE_LISTS, xml, "resource-lists", Map.of()), "cannot-delete"))
                .isEqualTo(409);
        NodeEdits.Edited renamed = NodeEdits.put(
                Auid.RESOURCE_LISTS,
                xml,
                "resource-lists/list[2]/@name",
                Map.of(),
                "office",
                "office".getBytes(StandardCharsets.UTF_8));
        assertThat(renamed.xml()).contains("name=\"office\"");
        assertThat(conflictOf(
                        () -> NodeEdits.delete(Auid.RESOURCE_LISTS, xml, "resource-lists/list[2]/entry[1]", Map.of()),
                        null))
                .isEqualTo(404);
    }

    @Test
    void documentsThatAreNoBuddyListOrNoXmlAtAll() {
        assertThat(conflictOf(() -> checked("<resource-lists"), "not-well-formed"))
                .isEqualTo(409);
        assertThat(conflictOf(
                        () -> checked(
                                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                        + "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\">&x;</resource-lists>"),
                        "not-well-formed"))
                .as("no DTDs, no external entities")
                .isEqualTo(409);
        assertThat(conflictOf(
                        () -> checked("<ruleset xmlns=\"urn:ietf:params:xml:ns:common-policy\"/>"),
                        "schema-validation-error"))
                .isEqualTo(409);
        assertThat(conflictOf(
                        () -> checked("<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\">"
                                + "<list><entry/></list></resource-lists>"),
                        "schema-validation-error"))
                .isEqualTo(409);
        assertThat(conflictOf(
                        () -> NodeEdits.checkedDocument(Auid.RESOURCE_LISTS, new byte[] {(byte) 0xC3, 0x28}),
                        "not-utf-8"))
                .isEqualTo(409);
    }

    static NodeEdits.Edited put(String xml, String selector, Map<String, String> prefixes, String element) {
        return NodeEdits.put(
                Auid.RESOURCE_LISTS, xml, selector, prefixes, null, element.getBytes(StandardCharsets.UTF_8));
    }

    static String uris(String xml) {
        return String.join(
                ",",
                java.util.regex.Pattern.compile("uri=\"sip:(\\w+)@")
                        .matcher(xml)
                        .results()
                        .map(m -> m.group(1))
                        .toList());
    }

    @Test
    void positionalInsertPutsTheElementAtThatPosition() {
        String xml = checked(LISTS); // friends: bob, carol
        String first = put(xml, "resource-lists/list[1]/entry[1]", Map.of(), "<entry uri=\"sip:ann@example.com\"/>")
                .xml();
        assertThat(uris(first)).as("entry[1] replaces bob: the first entry").isEqualTo("ann,carol");
        NodeEdits.Edited between = put(
                xml,
                "resource-lists/list[1]/entry[2][@uri=\"sip:dan@example.com\"]",
                Map.of(),
                "<entry uri=\"sip:dan@example.com\"/>");
        assertThat(between.created()).isTrue();
        assertThat(uris(between.xml())).as("created second, before carol").isEqualTo("bob,dan,carol");
        String third = put(xml, "resource-lists/list[1]/entry[3]", Map.of(), "<entry uri=\"sip:eve@example.com\"/>")
                .xml();
        assertThat(uris(third)).isEqualTo("bob,carol,eve");
        // *[n] counts every child element: display-name-less list "work" gets its first child at *[1]
        String star = put(
                        xml,
                        "resource-lists/list[@name=\"work\"]/*[1]",
                        Map.of(),
                        "<entry uri=\"sip:fay@example.com\"/>")
                .xml();
        assertThat(NodeEdits.select(Auid.RESOURCE_LISTS, star, "resource-lists/list[2]/entry[1]/@uri", Map.of())
                        .content())
                .isEqualTo("sip:fay@example.com");
        assertThat(conflictOf(
                        () -> put(
                                xml,
                                "resource-lists/list[1]/entry[5]",
                                Map.of(),
                                "<entry uri=\"sip:gap@example.com\"/>"),
                        "cannot-insert"))
                .as("no gaps")
                .isEqualTo(409);
        assertThat(conflictOf(
                        () -> put(xml, "resource-lists/list[1]/*[2]", Map.of(), "<entry uri=\"sip:bob@example.com\"/>"),
                        "uniqueness-failure"))
                .as("carol replaced by a second bob")
                .isEqualTo(409);
    }

    @Test
    void withoutPositionANewEntryFollowsTheLastOfItsNameBeforeExtensions() {
        String xml = checked("""
                <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists" xmlns:x="urn:example:ext">
                  <list name="l"><display-name>L</display-name><entry uri="sip:a@example.com"/><x:tag>t</x:tag></list>
                </resource-lists>
                """);
        String added = put(
                        xml,
                        "resource-lists/list/entry[@uri=\"sip:b@example.com\"]",
                        Map.of(),
                        "<entry uri=\"sip:b@example.com\"/>")
                .xml();
        assertThat(added).containsPattern("sip:a@example.com\"/>\\s*<entry uri=\"sip:b@example.com\"/>\\s*<x:tag>");
        // an element of another namespace, named with the xmlns() prefix of the request (RFC 4825 §6.4)
        Map<String, String> x = Map.of("x", "urn:example:ext");
        assertThat(NodeEdits.select(Auid.RESOURCE_LISTS, added, "resource-lists/list/x:tag", x)
                        .content())
                .contains(">t</");
        NodeEdits.Edited ext = put(added, "resource-lists/list/x:tag", x, "<x:tag>u</x:tag>");
        assertThat(ext.created()).isFalse();
        assertThat(ext.xml()).contains(">u</x:tag>");
        assertThat(NodeEdits.select(
                        Auid.RESOURCE_LISTS, added, "resource-lists/list/x:tag", Map.of("x", "urn:example:other")))
                .as("the same prefix bound to another namespace: nothing")
                .isNull();
    }

    @Test
    void namespaceBindingsAreReadOnly() {
        String xml = checked("""
                <rl:resource-lists xmlns:rl="urn:ietf:params:xml:ns:resource-lists" xmlns:x="urn:example:ext">
                  <rl:list name="l" xmlns:y="urn:example:y"><rl:entry uri="sip:a@example.com"/></rl:list>
                </rl:resource-lists>
                """);
        NodeEdits.Node ns = NodeEdits.select(Auid.RESOURCE_LISTS, xml, "resource-lists/list/namespace::*", Map.of());
        assertThat(ns.namespaces()).isTrue();
        assertThat(ns.content())
                .startsWith("<rl:list ")
                .endsWith("/>")
                .contains("xmlns:rl=\"urn:ietf:params:xml:ns:resource-lists\"")
                .contains("xmlns:x=\"urn:example:ext\"")
                .contains("xmlns:y=\"urn:example:y\"");
        assertThat(conflictOf(() -> put(xml, "resource-lists/list/namespace::*", Map.of(), "<x/>"), null))
                .isEqualTo(405);
        assertThat(conflictOf(
                        () -> NodeEdits.delete(Auid.RESOURCE_LISTS, xml, "resource-lists/namespace::*", Map.of()),
                        null))
                .isEqualTo(405);
    }

    @Test
    void eachUsageIsValidatedAgainstItsSchema() {
        // RFC 4826 §3.2: at most one display-name, and it holds text only
        assertThat(conflictOf(
                        () -> checked("<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list>"
                                + "<entry uri=\"sip:a@b\"><display-name>A</display-name><display-name>B</display-name></entry>"
                                + "</list></resource-lists>"),
                        "<schema-validation-error phrase=\""))
                .isEqualTo(409);
        // RFC 5025 §5: sub-handling is one of four values; RFC 4745 §13: validity holds dates
        String rules = "<cr:ruleset xmlns:cr=\"urn:ietf:params:xml:ns:common-policy\" "
                + "xmlns:pr=\"urn:ietf:params:xml:ns:pres-rules\"><cr:rule id=\"a\"><cr:conditions>%s</cr:conditions>"
                + "<cr:actions><pr:sub-handling>%s</pr:sub-handling></cr:actions></cr:rule></cr:ruleset>";
        assertThat(NodeEdits.checkedDocument(
                        Auid.PRES_RULES,
                        rules.formatted("<cr:sphere value=\"work\"/>", "allow").getBytes(StandardCharsets.UTF_8)))
                .contains("sphere");
        assertThat(conflictOf(
                        () -> NodeEdits.checkedDocument(
                                Auid.PRES_RULES, rules.formatted("", "maybe").getBytes(StandardCharsets.UTF_8)),
                        "schema-validation-error"))
                .isEqualTo(409);
        assertThat(conflictOf(
                        () -> NodeEdits.checkedDocument(
                                Auid.PRES_RULES,
                                rules.formatted(
                                                "<cr:validity><cr:from>tomorrow</cr:from><cr:until>later</cr:until></cr:validity>",
                                                "allow")
                                        .getBytes(StandardCharsets.UTF_8)),
                        "schema-validation-error"))
                .isEqualTo(409);
        // RFC 4826 §4.2: a service is a resource-list reference or an inline list, then packages
        String services = "<rls-services xmlns=\"urn:ietf:params:xml:ns:rls-services\" "
                + "xmlns:rl=\"urn:ietf:params:xml:ns:resource-lists\">%s</rls-services>";
        assertThat(NodeEdits.checkedDocument(
                        Auid.RLS_SERVICES,
                        services.formatted("<service uri=\"sip:t@example.com\">"
                                        + "<list name=\"t\"><rl:entry uri=\"sip:a@example.com\"/></list><packages><package>presence</package>"
                                        + "</packages></service>")
                                .getBytes(StandardCharsets.UTF_8)))
                .contains("rl:entry");
        assertThat(conflictOf(
                        () -> NodeEdits.checkedDocument(
                                Auid.RLS_SERVICES,
                                services.formatted("<service uri=\"sip:t@example.com\"><packages/></service>")
                                        .getBytes(StandardCharsets.UTF_8)),
                        "schema-validation-error"))
                .isEqualTo(409);
        assertThat(conflictOf(
                        () -> NodeEdits.checkedDocument(
                                Auid.RLS_SERVICES,
                                services.formatted(
                                                "<service uri=\"sip:t@example.com\"><resource-list>x</resource-list></service>"
                                                        + "<service uri=\"sip:t@example.com\"><resource-list>y</resource-list></service>")
                                        .getBytes(StandardCharsets.UTF_8)),
                        "uniqueness-failure"))
                .isEqualTo(409);
    }
}
