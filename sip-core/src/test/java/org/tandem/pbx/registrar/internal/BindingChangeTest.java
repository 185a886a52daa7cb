package org.tandem.pbx.registrar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.internal.BindingChange.Applied;
import org.tandem.pbx.registrar.internal.BindingChange.OutOfOrder;
import org.tandem.pbx.registrar.internal.BindingChange.Register;
import org.tandem.pbx.registrar.internal.BindingChange.RequestedContact;

/** RFC 3261 §10.3 steps 6 and 7. */
class BindingChangeTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static RequestedContact contact(String uri, int expires) {
        return new RequestedContact(uri, ContactKey.of(uri), expires, 1000, null, 0);
    }

    static Register register(String callId, long cseq, RequestedContact... contacts) {
        return new Register("101", callId, cseq, false, List.of(contacts), "192.0.2.7", 5062, "udp", "UA");
    }

    static Map<String, Binding> after(Map<String, Binding> current, Register r) {
        return ((Applied) BindingChange.apply(current, r, NOW)).bindings();
    }

    @Test
    void severalContactsEachWithItsOwnExpiry() {
        Map<String, Binding> b =
                after(Map.of(), register("c1", 1, contact("sip:101@10.0.0.1", 60), contact("sip:101@10.0.0.2", 3600)));
        assertThat(b.values())
                .extracting(Binding::expiresAt)
                .containsExactlyInAnyOrder(NOW.plusSeconds(60), NOW.plusSeconds(3600));
        assertThat(b.values()).allSatisfy(x -> {
            assertThat(x.sourceAddress()).isEqualTo("192.0.2.7");
            assertThat(x.sourcePort()).isEqualTo(5062);
            assertThat(x.callId()).isEqualTo("c1");
        });
    }

    @Test
    void secondPhoneAddsWithoutReplacing() {
        Map<String, Binding> one = after(Map.of(), register("c1", 1, contact("sip:101@10.0.0.1", 600)));
        Map<String, Binding> two = after(one, register("c2", 1, contact("sip:101@10.0.0.2", 600)));
        assertThat(two).hasSize(2);
    }

    @Test
    void expiresZeroRemovesOnlyThatContact() {
        Map<String, Binding> two =
                after(Map.of(), register("c1", 1, contact("sip:101@10.0.0.1", 600), contact("sip:101@10.0.0.2", 600)));
        Applied a = (Applied) BindingChange.apply(two, register("c1", 2, contact("sip:101@10.0.0.1", 0)), NOW);
        assertThat(a.bindings().values()).extracting(Binding::contactUri).containsExactly("sip:101@10.0.0.2");
        assertThat(a.removedKeys()).containsExactly(ContactKey.of("sip:101@10.0.0.1"));
        assertThat(a.upserts()).isEmpty();
    }

    @Test
    void wildcardRemovesEverything() {
        Map<String, Binding> two =
                after(Map.of(), register("c1", 1, contact("sip:101@10.0.0.1", 600), contact("sip:101@10.0.0.2", 600)));
        Applied a = (Applied) BindingChange.apply(
                two, new Register("101", "other", 1, true, List.of(), "192.0.2.7", 5062, "udp", null), NOW);
        assertThat(a.bindings()).isEmpty();
        assertThat(a.removedKeys()).hasSize(2);
    }

    @Test
    void sameCallIdNeedsHigherCseq() {
        Map<String, Binding> one = after(Map.of(), register("c1", 5, contact("sip:101@10.0.0.1", 600)));
        assertThat(BindingChange.apply(one, register("c1", 5, contact("sip:101@10.0.0.1", 900)), NOW))
                .isInstanceOf(OutOfOrder.class);
        assertThat(BindingChange.apply(one, register("c1", 4, contact("sip:101@10.0.0.1", 0)), NOW))
                .isInstanceOf(OutOfOrder.class);
        assertThat(BindingChange.apply(
                        one, new Register("101", "c1", 5, true, List.of(), "192.0.2.7", 5062, "udp", null), NOW))
                .isInstanceOf(OutOfOrder.class);
        assertThat(BindingChange.apply(one, register("c1", 6, contact("sip:101@10.0.0.1", 900)), NOW))
                .isInstanceOf(Applied.class);
        // another Call-ID may update regardless of CSeq (a rebooted phone)
        assertThat(BindingChange.apply(one, register("c2", 1, contact("sip:101@10.0.0.1", 900)), NOW))
                .isInstanceOf(Applied.class);
    }

    @Test
    void refreshKeepsRegistrationTimeAndUpdatesExpiry() {
        Map<String, Binding> one = after(Map.of(), register("c1", 1, contact("sip:101@10.0.0.1", 60)));
        Map<String, Binding> later = ((Applied) BindingChange.apply(
                        one, register("c1", 2, contact("sip:101@10.0.0.1", 600)), NOW.plusSeconds(30)))
                .bindings();
        Binding b = later.values().iterator().next();
        assertThat(b.registeredAt()).isEqualTo(NOW);
        assertThat(b.expiresAt()).isEqualTo(NOW.plusSeconds(630));
        assertThat(b.cseq()).isEqualTo(2);
    }

    @Test
    void expiredBindingsAreDroppedAndIgnoredByTheCseqRule() {
        Map<String, Binding> one = after(Map.of(), register("c1", 5, contact("sip:101@10.0.0.1", 60)));
        Instant later = NOW.plusSeconds(61);
        Applied a = (Applied) BindingChange.apply(one, register("c1", 1, contact("sip:101@10.0.0.2", 60)), later);
        assertThat(a.bindings().values()).extracting(Binding::contactUri).containsExactly("sip:101@10.0.0.2");
        assertThat(a.removedKeys()).containsExactly(ContactKey.of("sip:101@10.0.0.1"));
    }

    @Test
    void queryChangesNothing() {
        Map<String, Binding> one = after(Map.of(), register("c1", 1, contact("sip:101@10.0.0.1", 600)));
        Applied a = (Applied) BindingChange.apply(one, register("c1", 2), NOW);
        assertThat(a.changesNothing()).isTrue();
        assertThat(a.bindings()).isEqualTo(one);
    }

    @Test
    void contactListedTwiceIsNotOutOfOrder() {
        Map<String, Binding> one = after(Map.of(), register("c1", 1, contact("sip:101@10.0.0.1", 600)));
        assertThat(BindingChange.apply(
                        one,
                        register("c1", 2, contact("sip:101@10.0.0.1", 600), contact("sip:101@10.0.0.1", 300)),
                        NOW))
                .isInstanceOf(Applied.class);
    }

    @Test
    void sameInstanceAndRegIdReplacesTheOldContact() {
        RequestedContact oldAddress = new RequestedContact(
                "sip:101@10.0.0.1", ContactKey.of("sip:101@10.0.0.1"), 600, 1000, "<urn:uuid:a>", 1);
        RequestedContact otherDevice = new RequestedContact(
                "sip:101@10.0.0.9", ContactKey.of("sip:101@10.0.0.9"), 600, 1000, "<urn:uuid:b>", 1);
        Map<String, Binding> before = after(Map.of(), register("c1", 1, oldAddress, otherDevice));
        RequestedContact newAddress = new RequestedContact(
                "sip:101@10.0.0.2", ContactKey.of("sip:101@10.0.0.2"), 600, 1000, "<urn:uuid:a>", 1);
        Applied a = (Applied) BindingChange.apply(before, register("c2", 1, newAddress), NOW);
        assertThat(a.bindings().values())
                .extracting(Binding::contactUri)
                .containsExactlyInAnyOrder("sip:101@10.0.0.2", "sip:101@10.0.0.9");
        assertThat(a.removedKeys()).containsExactly(ContactKey.of("sip:101@10.0.0.1"));
    }
}
