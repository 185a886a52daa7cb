package org.tandem.pbx.xcap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(NodeEdits.select(Auid.RESOURCE_LISTS, xml, "resource-lists/list[@name=\"friends\"]/entry[2]/@uri",
                Map.of()).content()).isEqualTo("sip:carol@example.com");
        assertThat(NodeEdits.select(Auid.RESOURCE_LISTS, xml, "resource-lists/list[1]/entry[@uri='sip:bob@example.com']",
                Map.of()).content()).contains("<display-name>Bob</display-name>").startsWith("<entry");
        assertThat(NodeEdits.select(Auid.RESOURCE_LISTS, xml, "rl:resource-lists/rl:list[2]/@name",
                Map.of("rl", "urn:ietf:params:xml:ns:resource-lists")).content()).isEqualTo("work");
        assertThat(NodeEdits.select(Auid.RESOURCE_LISTS, xml, "resource-lists/*[2]/@name", Map.of()).content())
                .isEqualTo("work");
        assertThat(NodeEdits.select(Auid.RESOURCE_LISTS, xml, "resource-lists/list/entry", Map.of()))
                .as("two lists: no single node").isNull();
        assertThat(conflictOf(() -> NodeEdits.select(Auid.RESOURCE_LISTS, xml, "resource-lists/list[0]", Map.of()), null))
                .isEqualTo(400);
        assertThat(conflictOf(() -> NodeEdits.select(Auid.RESOURCE_LISTS, xml, "x:resource-lists", Map.of()), null))
                .as("an unbound prefix").isEqualTo(400);
    }

    @Test
    void putInsertsOrReplacesAndMustLandWhereTheSelectorPoints() {
        String xml = checked(LISTS);
        String sel = "resource-lists/list[@name=\"work\"]/entry[@uri=\"sip:dave@example.com\"]";
        NodeEdits.Edited added = NodeEdits.put(Auid.RESOURCE_LISTS, xml, sel, Map.of(), null,
                "<entry uri=\"sip:dave@example.com\"/>".getBytes(StandardCharsets.UTF_8));
        assertThat(added.created()).isTrue();
        assertThat(NodeEdits.select(Auid.RESOURCE_LISTS, added.xml(), sel + "/@uri", Map.of()).content())
                .isEqualTo("sip:dave@example.com");
        NodeEdits.Edited replaced = NodeEdits.put(Auid.RESOURCE_LISTS, added.xml(), sel, Map.of(), null,
                "<entry uri=\"sip:dave@example.com\"><display-name>Dave</display-name></entry>".getBytes(StandardCharsets.UTF_8));
        assertThat(replaced.created()).isFalse();
        assertThat(replaced.xml()).contains("Dave");

        assertThat(conflictOf(() -> NodeEdits.put(Auid.RESOURCE_LISTS, xml, sel, Map.of(), null,
                "<entry uri=\"sip:eve@example.com\"/>".getBytes(StandardCharsets.UTF_8)), "cannot-insert")).isEqualTo(409);
        assertThat(conflictOf(() -> NodeEdits.put(Auid.RESOURCE_LISTS, xml,
                "resource-lists/list[@name=\"nope\"]/entry[@uri=\"sip:x@example.com\"]", Map.of(), null,
                "<entry uri=\"sip:x@example.com\"/>".getBytes(StandardCharsets.UTF_8)), "no-parent")).isEqualTo(409);
        // RFC 4826 §3.4.2: one entry per uri in a list
        assertThat(conflictOf(() -> NodeEdits.put(Auid.RESOURCE_LISTS, xml, "resource-lists/list[1]/entry[3]", Map.of(),
                null, "<entry uri=\"sip:bob@example.com\"/>".getBytes(StandardCharsets.UTF_8)), "uniqueness-failure"))
                .isEqualTo(409);
        assertThat(conflictOf(() -> NodeEdits.put(Auid.RESOURCE_LISTS, xml, "resource-lists/list[1]/entry[3]", Map.of(),
                null, "<entry uri=\"a\"/><entry uri=\"b\"/>".getBytes(StandardCharsets.UTF_8)), "not-xml-frag"))
                .isEqualTo(409);
    }

    @Test
    void deleteAndAttributes() {
        String xml = checked(LISTS);
        NodeEdits.Edited gone = NodeEdits.delete(Auid.RESOURCE_LISTS, xml,
                "resource-lists/list[@name=\"friends\"]/entry[@uri=\"sip:bob@example.com\"]", Map.of());
        assertThat(gone.xml()).doesNotContain("sip:bob@").contains("sip:carol@");
        assertThat(conflictOf(() -> NodeEdits.delete(Auid.RESOURCE_LISTS, xml, "resource-lists/list[1]/entry[1]", Map.of()),
                "cannot-delete")).as("by position the next entry would move up").isEqualTo(409);
        assertThat(conflictOf(() -> NodeEdits.delete(Auid.RESOURCE_LISTS, xml, "resource-lists", Map.of()),
                "cannot-delete")).isEqualTo(409);
        NodeEdits.Edited renamed = NodeEdits.put(Auid.RESOURCE_LISTS, xml, "resource-lists/list[2]/@name", Map.of(),
                "office", "office".getBytes(StandardCharsets.UTF_8));
        assertThat(renamed.xml()).contains("name=\"office\"");
        assertThat(conflictOf(() -> NodeEdits.delete(Auid.RESOURCE_LISTS, xml, "resource-lists/list[2]/entry[1]", Map.of()),
                null)).isEqualTo(404);
    }

    @Test
    void documentsThatAreNoBuddyListOrNoXmlAtAll() {
        assertThat(conflictOf(() -> checked("<resource-lists"), "not-well-formed")).isEqualTo(409);
        assertThat(conflictOf(() -> checked("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\">&x;</resource-lists>"), "not-well-formed"))
                .as("no DTDs, no external entities").isEqualTo(409);
        assertThat(conflictOf(() -> checked("<ruleset xmlns=\"urn:ietf:params:xml:ns:common-policy\"/>"),
                "schema-validation-error")).isEqualTo(409);
        assertThat(conflictOf(() -> checked("<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\">"
                + "<list><entry/></list></resource-lists>"), "schema-validation-error")).isEqualTo(409);
        assertThat(conflictOf(() -> NodeEdits.checkedDocument(Auid.RESOURCE_LISTS, new byte[] {(byte) 0xC3, 0x28}),
                "not-utf-8")).isEqualTo(409);
    }
}
