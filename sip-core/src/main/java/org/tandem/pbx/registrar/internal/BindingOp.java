package org.tandem.pbx.registrar.internal;

import java.time.Instant;
import java.util.List;
import org.tandem.pbx.registrar.Binding;

/**
 * One change of the stored location service, as the {@link LocationWriter} journals and then commits
 * it. Applying a sequence of these twice leaves the table as applying it once (each sets rows to given
 * values or deletes them), so a journal replayed after its changes already reached the database is harmless.
 */
sealed interface BindingOp {

    void applyTo(RegistrationStore store);

    /** One REGISTER's outcome (RFC 3261 §10.3 step 7): contacts removed and contacts added or refreshed. */
    record Apply(String aor, List<Binding> upserts, List<String> removedKeys) implements BindingOp {
        public Apply {
            upserts = List.copyOf(upserts);
            removedKeys = List.copyOf(removedKeys);
        }

        @Override
        public void applyTo(RegistrationStore store) {
            store.apply(aor, upserts, removedKeys);
        }
    }

    /** A deleted user's bindings. */
    record DeleteAor(String aor) implements BindingOp {
        @Override
        public void applyTo(RegistrationStore store) {
            store.deleteAor(aor);
        }
    }

    /** Bindings that expired at or before {@code now} (the registrar timer's pruning). */
    record DeleteExpired(Instant now) implements BindingOp {
        @Override
        public void applyTo(RegistrationStore store) {
            store.deleteExpired(now);
        }
    }
}
