package org.tandem.appliance.testsupport;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;

/** Bindings the test puts in, for the API's view of registrations (the registrar has its own tests). */
public class FakeLocationService implements LocationService {

    private final List<Binding> bindings = new CopyOnWriteArrayList<>();

    public void add(Binding b) {
        bindings.add(b);
    }

    public void clear() {
        bindings.clear();
    }

    @Override
    public List<Binding> lookup(String extension) {
        return bindings.stream()
                .filter(b -> b.extension().equals(extension))
                .sorted(Comparator.comparingInt(Binding::q).reversed())
                .toList();
    }

    @Override
    public Optional<Binding> findByContact(String contactUri) {
        return bindings.stream().filter(b -> b.contactUri().equals(contactUri)).findFirst();
    }

    @Override
    public List<Binding> all() {
        return List.copyOf(bindings);
    }
}
