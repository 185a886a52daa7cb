package org.tandem.pbx.registrar;

import java.util.List;
import java.util.Optional;

/**
 * Where registered users can be reached. Served from memory (never blocks), written through to the
 * database by the registrar so bindings survive a restart.
 */
public interface LocationService {

    /** Unexpired bindings of an extension, highest q first; empty when not registered. */
    List<Binding> lookup(String extension);

    /**
     * The unexpired binding whose Contact URI equals {@code contactUri} (RFC 3261 §19.1.4 comparison),
     * used to reach a UA behind NAT by its source address when a request targets its Contact (e.g. an
     * in-dialog BYE whose Request-URI is the remote target).
     */
    Optional<Binding> findByContact(String contactUri);

    /** Every unexpired binding (API and UI listing). */
    List<Binding> all();
}
