package org.tandem.pbx.proxy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;

/** Test-only location service: bindings put in by the test (until the real registrar lands). */
class TestLocationService implements LocationService {

    private final Map<String, List<Binding>> bindings = new ConcurrentHashMap<>();

    void bind(String extension, String contact, String sourceAddress, int sourcePort, String transport) {
        Instant now = Instant.now();
        bindings.computeIfAbsent(extension, e -> new CopyOnWriteArrayList<>())
                .add(new Binding(extension, contact, "test-" + extension, 1, now.plusSeconds(3600), 1000,
                        sourceAddress, sourcePort, transport, "test", null, 0, now));
    }

    void clear() {
        bindings.clear();
    }

    @Override
    public List<Binding> lookup(String extension) {
        return List.copyOf(bindings.getOrDefault(extension, List.of()));
    }

    @Override
    public Optional<Binding> findByContact(String contactUri) {
        return all().stream().filter(b -> same(b.contactUri(), contactUri)).findFirst();
    }

    @Override
    public List<Binding> all() {
        List<Binding> all = new ArrayList<>();
        bindings.values().forEach(all::addAll);
        return all;
    }

    private static boolean same(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String uri) {
        String u = uri.strip();
        if (u.startsWith("<") && u.endsWith(">")) u = u.substring(1, u.length() - 1);
        return u;
    }
}
