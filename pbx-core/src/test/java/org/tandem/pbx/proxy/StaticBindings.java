package org.tandem.pbx.proxy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;

/**
 * Test-only: the real location service plus bindings no REGISTER can create (e.g. a contact whose
 * source is the proxy itself, to make a real loop). Everything else comes from the registrar.
 */
final class StaticBindings implements LocationService {

    private final LocationService registrar;
    private final Map<String, Binding> extra = new ConcurrentHashMap<>();

    StaticBindings(LocationService registrar) {
        this.registrar = registrar;
    }

    void bind(String extension, String contact, String sourceAddress, int sourcePort, String transport) {
        Instant now = Instant.now();
        extra.put(
                extension,
                new Binding(
                        extension,
                        contact,
                        "static-" + extension,
                        1,
                        now.plusSeconds(3600),
                        1000,
                        sourceAddress,
                        sourcePort,
                        transport,
                        "test",
                        null,
                        0,
                        now));
    }

    @Override
    public List<Binding> lookup(String extension) {
        Binding b = extra.get(extension);
        return b != null ? List.of(b) : registrar.lookup(extension);
    }

    @Override
    public Optional<Binding> findByContact(String contactUri) {
        return registrar.findByContact(contactUri);
    }

    @Override
    public List<Binding> all() {
        List<Binding> all = new ArrayList<>(registrar.all());
        all.addAll(extra.values());
        return all;
    }
}
