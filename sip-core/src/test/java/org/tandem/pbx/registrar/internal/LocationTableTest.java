package org.tandem.pbx.registrar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.testsupport.MutableClock;

class LocationTableTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final LocationTable table = new LocationTable(clock);

    Binding binding(String ext, String uri, int q, int seconds) {
        return new Binding(
                ext,
                uri,
                "c",
                1,
                clock.instant().plusSeconds(seconds),
                q,
                "192.0.2.7",
                5060,
                "udp",
                null,
                null,
                0,
                clock.instant());
    }

    void put(String ext, Binding... bindings) {
        Map<String, Binding> m = new java.util.HashMap<>();
        for (Binding b : bindings) m.put(ContactKey.of(b.contactUri()), b);
        table.replace(ext, m);
    }

    @Test
    void lookupIsByPreferenceAndSkipsExpired() {
        put("101", binding("101", "sip:101@10.0.0.1", 500, 60), binding("101", "sip:101@10.0.0.2", 1000, 600));
        assertThat(table.lookup("101"))
                .extracting(Binding::contactUri)
                .containsExactly("sip:101@10.0.0.2", "sip:101@10.0.0.1");
        clock.advance(Duration.ofSeconds(60));
        assertThat(table.lookup("101")).extracting(Binding::contactUri).containsExactly("sip:101@10.0.0.2");
        assertThat(table.all()).hasSize(1);
        assertThat(table.lookup("999")).isEmpty();
    }

    Binding flow(String uri, String instance, int regId, int secondsAgo) {
        return new Binding(
                "101",
                uri,
                "c" + regId,
                1,
                clock.instant().plusSeconds(600),
                1000,
                "192.0.2.7",
                5060 + regId,
                "tcp",
                null,
                instance,
                regId,
                clock.instant().minusSeconds(secondsAgo));
    }

    /** RFC 5626 §5.3: one target per instance, its newest flow; other devices and plain bindings stay targets. */
    @Test
    void targetsHoldOneFlowPerInstance() {
        String phone = "<urn:uuid:00000000-0000-1000-8000-000A95A0E128>";
        put(
                "101",
                flow("sip:101@10.0.0.1;ob", phone, 1, 30),
                flow("sip:101@10.0.0.1:5062;ob", phone, 2, 5),
                flow("sip:101@10.0.0.9;ob", "<urn:uuid:other>", 1, 60),
                binding("101", "sip:101@10.0.0.3", 1000, 600));
        assertThat(table.lookup("101")).hasSize(4);
        assertThat(table.targets("101"))
                .extracting(Binding::contactUri)
                .containsExactlyInAnyOrder("sip:101@10.0.0.1:5062;ob", "sip:101@10.0.0.9;ob", "sip:101@10.0.0.3");
    }

    @Test
    void findByContactUsesUriEquality() {
        put("101", binding("101", "sip:101@Host.Example;transport=TCP", 1000, 60));
        assertThat(table.findByContact("sip:101@host.example;transport=tcp;ob")).isPresent();
        assertThat(table.findByContact("sip:101@host.example:5060;transport=tcp"))
                .isEmpty();
        clock.advance(Duration.ofSeconds(61));
        assertThat(table.findByContact("sip:101@host.example;transport=tcp")).isEmpty();
    }

    @Test
    void pruneRemovesExpiredFromBothIndexes() {
        put("101", binding("101", "sip:101@10.0.0.1", 1000, 60), binding("101", "sip:101@10.0.0.2", 1000, 600));
        put("102", binding("102", "sip:102@10.0.0.3", 1000, 30));
        clock.advance(Duration.ofSeconds(90));
        assertThat(table.pruneExpired()).isEqualTo(2);
        assertThat(table.current("102")).isEmpty();
        assertThat(table.current("101")).hasSize(1);
        clock.advance(Duration.ofSeconds(-90));
        assertThat(table.findByContact("sip:101@10.0.0.1")).isEmpty();
    }

    @Test
    void removeAorForgetsContacts() {
        put("101", binding("101", "sip:101@10.0.0.1", 1000, 60));
        assertThat(table.removeAor("101")).hasSize(1);
        assertThat(table.lookup("101")).isEmpty();
        assertThat(table.findByContact("sip:101@10.0.0.1")).isEmpty();
    }

    @Test
    void rollbackOnlyWhenNothingChangedMeanwhile() {
        Binding a = binding("101", "sip:101@10.0.0.1", 1000, 60);
        Binding b = binding("101", "sip:101@10.0.0.2", 1000, 60);
        Map<String, Binding> before = Map.of(ContactKey.of(a.contactUri()), a);
        Map<String, Binding> after = Map.of(ContactKey.of(a.contactUri()), a, ContactKey.of(b.contactUri()), b);
        table.replace("101", after);
        assertThat(table.restoreIfUnchanged("101", after, before)).isTrue();
        assertThat(table.lookup("101")).containsExactly(a);
        assertThat(table.findByContact("sip:101@10.0.0.2")).isEmpty();
        assertThat(table.restoreIfUnchanged("101", after, Map.of())).isFalse();
    }

    /** Whatever an AOR's binding count, through every way in, its bindings come in one map class (see NONE). */
    @Test
    void bindingsOfAnyCountAreHeldInOneMapClass() {
        Binding one = binding("101", "sip:101@10.0.0.1", 1000, 60);
        Binding two = binding("101", "sip:101@10.0.0.2", 1000, 600);
        Binding three = binding("101", "sip:101@10.0.0.3", 1000, 600);
        Class<?> none = table.current("101").getClass();
        Set<Class<?>> seen = new HashSet<>();
        seen.add(none);
        for (Binding[] bindings : new Binding[][] {{one}, {one, two}, {one, two, three}, {}}) {
            put("101", bindings);
            seen.add(table.current("101").getClass());
        }
        put("101", one, two);
        Map<String, Binding> withTwo = table.current("101");
        Map<String, Binding> withThree = new LinkedHashMap<>(withTwo);
        withThree.put(ContactKey.of(three.contactUri()), three);
        LocationTable.Update update =
                table.update("101", cur -> new BindingChange.Applied(withThree, List.of(three), List.of()));
        seen.add(update.before().getClass());
        seen.add(table.current("101").getClass());
        assertThat(table.restoreIfUnchanged("101", withThree, withTwo)).isTrue();
        seen.add(table.current("101").getClass());
        clock.advance(Duration.ofSeconds(90));
        assertThat(table.pruneExpired()).isEqualTo(1);
        seen.add(table.current("101").getClass());
        assertThat(table.current("101")).hasSize(1);
        assertThat(seen).containsExactly(none);
    }
}
