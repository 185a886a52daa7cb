package org.tandem.pbx.trunk.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkChanged;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.trunk.TrunkProperties;
import org.tandem.pbx.trunk.TrunkRegistrationStatus;
import org.tandem.pbx.trunk.TrunkRegistrations;

/**
 * Keeps one {@link OutboundRegistration} per trunk that registers: started with the SIP stack, replaced
 * when a trunk changes (the old binding is removed at the provider), removed when it is deleted.
 */
final class TrunkRegistrationClient implements TrunkRegistrations, SmartLifecycle {

    private final GatewaySip sip;
    private final TrunkDirectory trunks;
    private final TrunkProperties props;
    private final Map<String, OutboundRegistration> active = new ConcurrentHashMap<>();
    private volatile boolean running;

    TrunkRegistrationClient(GatewaySip sip, TrunkDirectory trunks, TrunkProperties props) {
        this.sip = sip;
        this.trunks = trunks;
        this.props = props;
    }

    @Override
    public Optional<TrunkRegistrationStatus> status(String trunk) {
        if (trunks.find(trunk).isEmpty()) return Optional.empty();
        OutboundRegistration r = active.get(trunk);
        return Optional.of(
                r != null
                        ? r.status()
                        : new TrunkRegistrationStatus(trunk, TrunkRegistrationStatus.State.DISABLED, null, null, null));
    }

    @EventListener
    public void on(TrunkChanged changed) {
        if (!running) return;
        OutboundRegistration old = active.remove(changed.id());
        if (old != null) old.stop(true);
        if (!changed.deleted()) trunks.find(changed.id()).ifPresent(this::begin);
    }

    private synchronized void begin(Trunk t) {
        if (!t.register()) return;
        OutboundRegistration r = new OutboundRegistration(
                sip, t, trunks.password(t.id()).orElse(null), props.retryInitial(), props.retryMax());
        active.put(t.id(), r);
        r.start();
    }

    @Override
    public void start() {
        running = true;
        trunks.list().forEach(this::begin);
    }

    @Override
    public void stop() {
        running = false;
        active.values().forEach(r -> r.stop(false));
        active.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the SIP stack (which starts at Integer.MAX_VALUE - 100). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }
}
