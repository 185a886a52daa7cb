package org.tandem.pbx.sip.internal;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.sip.SipConnectionProperties;

/**
 * Who holds SIP TCP/TLS connections, and how many (issue 22 finding 7: 1,000 idle connections from one address
 * used to cost 2,000 threads, for ever). Inbound connections beyond {@code max-per-source} from one address, or
 * beyond {@code max-total}, are closed as soon as they are accepted; a connection that has sent no SIP message
 * {@code first-message-timeout} after it was accepted is closed by {@link #audit()}. One instance per SIP stack,
 * shared by its TCP and TLS processors. Refusals are logged once a minute per address.
 */
final class ConnectionLimits {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimits.class);
    private static final long LOG_EVERY_MS = 60_000;

    private final SipConnectionProperties props;
    private final Set<ConnectionSlot> open = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, AtomicInteger> perSource = new ConcurrentHashMap<>();
    private final Map<InetAddress, Long> lastRefusalLog = new ConcurrentHashMap<>();
    private final Map<InetAddress, Long> lastSilentLog = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private boolean auditing;

    ConnectionLimits(SipConnectionProperties props) {
        this.props = props;
    }

    /**
     * A slot for a connection just accepted from {@code source}, or null when it must be refused. The caller
     * attaches the channel to the slot and releases it when the connection closes.
     */
    ConnectionSlot admit(InetAddress source, String transport) {
        AtomicInteger fromSource = perSource.computeIfAbsent(source, a -> new AtomicInteger());
        int mine = fromSource.incrementAndGet();
        int all = total.incrementAndGet();
        if (mine > props.maxPerSource() || all > props.maxTotal()) {
            decrement(source, fromSource);
            String why = mine > props.maxPerSource()
                    ? (mine - 1) + " connections from that address are open (tandem.sip.connections.max-per-source="
                            + props.maxPerSource() + ")"
                    : (all - 1) + " SIP connections are open (tandem.sip.connections.max-total=" + props.maxTotal()
                            + ")";
            logRefusal(source, transport, why);
            return null;
        }
        ConnectionSlot slot = new ConnectionSlot(this, source, transport, System.currentTimeMillis());
        open.add(slot);
        return slot;
    }

    void release(ConnectionSlot slot) {
        if (open.remove(slot)) {
            AtomicInteger fromSource = perSource.get(slot.source());
            if (fromSource != null) decrement(slot.source(), fromSource);
        }
    }

    private void decrement(InetAddress source, AtomicInteger fromSource) {
        total.decrementAndGet();
        if (fromSource.decrementAndGet() <= 0) perSource.remove(source, fromSource);
    }

    int openConnections() {
        return total.get();
    }

    /** Closes connections that sent no SIP message in time. Runs on the stack's timer. */
    void audit() {
        long now = System.currentTimeMillis();
        long deadline = props.firstMessageTimeout().toMillis();
        for (ConnectionSlot slot : open) {
            ConnectionOrientedMessageChannel channel = slot.channel();
            if (slot.sawMessage() || channel == null || now - slot.acceptedAt() < deadline) continue;
            if (firstOfTheMinute(lastSilentLog, slot.source(), now)) {
                log.info(
                        "SIP {} connection from {} closed: no SIP message within {} s of connecting "
                                + "(tandem.sip.connections.first-message-timeout); further ones from that address are logged "
                                + "once a minute",
                        slot.transport(),
                        slot.source().getHostAddress(),
                        deadline / 1000);
            }
            try {
                channel.close();
            } finally {
                release(slot);
            }
        }
        if (lastRefusalLog.size() > 10_000) lastRefusalLog.clear();
        if (lastSilentLog.size() > 10_000) lastSilentLog.clear();
    }

    /** The audit as a task for jain-sip's timer: every quarter of the deadline, at most every second. */
    SIPStackTimerTask auditTask() {
        return new SIPStackTimerTask() {
            @Override
            public void runTask() {
                try {
                    audit();
                } catch (RuntimeException e) {
                    log.warn("SIP connection audit failed; it runs again shortly", e);
                }
            }

            @Override
            public Object getThreadHash() {
                return null;
            }
        };
    }

    /** Schedules {@link #audit()} on the stack's timer, once per stack whichever processor starts first. */
    synchronized void startAudit(SIPTransactionStack stack) {
        if (auditing) return;
        auditing = true;
        long period = auditPeriodMs();
        stack.getTimer().scheduleWithFixedDelay(auditTask(), period, period);
    }

    long auditPeriodMs() {
        return Math.max(250, Math.min(1000, props.firstMessageTimeout().toMillis() / 4));
    }

    private static boolean firstOfTheMinute(Map<InetAddress, Long> lastLogged, InetAddress source, long now) {
        Long last = lastLogged.get(source);
        if (last != null && now - last < LOG_EVERY_MS) return false;
        lastLogged.put(source, now);
        return true;
    }

    private void logRefusal(InetAddress source, String transport, String why) {
        if (!firstOfTheMinute(lastRefusalLog, source, System.currentTimeMillis())) return;
        log.warn(
                "SIP {} connection from {} refused: {}; further refusals of that address are logged once a minute",
                transport,
                source.getHostAddress(),
                why);
    }
}
