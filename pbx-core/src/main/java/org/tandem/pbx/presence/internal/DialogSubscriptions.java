package org.tandem.pbx.presence.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.presence.DialogWatchers;
import org.tandem.pbx.sip.SipTransports;

/**
 * The live dialog subscriptions and their NOTIFYs (RFC 6665 §4.2.2, RFC 4235 §4.1): a full-state document when a
 * subscription starts or is refreshed, a partial one with just the changed dialog on every change, each with the
 * next version; {@code terminated} on unsubscribe, expiry, a failed NOTIFY, a deleted user and shutdown. Every
 * NOTIFY of a subscription is built and sent on its Call-ID stripe; changes arrive from the calls' stripes and are
 * handed over.
 */
@Component
public class DialogSubscriptions implements DialogWatchers, org.springframework.context.SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DialogSubscriptions.class);

    private final Map<String, DialogSubscription> byCallId = new ConcurrentHashMap<>();
    private final ResourceDialogs dialogs = new ResourceDialogs();
    private final SerialExecutors stripes;
    private final DialogNotifySender sender;
    private volatile boolean running;

    public DialogSubscriptions(@Qualifier("sipCallStripes") SerialExecutors stripes, SipTransports transports,
                               @Qualifier("presenceTimer") ScheduledExecutorService timer) {
        this.stripes = stripes;
        this.sender = new DialogNotifySender(transports);
        // the sweep only looks at the clock and hands due subscriptions to their stripes
        timer.scheduleWithFixedDelay(this::expireDue, 1, 1, TimeUnit.SECONDS);
    }

    ResourceDialogs dialogs() {
        return dialogs;
    }

    DialogSubscription find(String callId) {
        return byCallId.get(callId);
    }

    long count(String subscriber) {
        return byCallId.values().stream().filter(s -> s.subscriber().equals(subscriber)).count();
    }

    @Override
    public int watchers(String resource) {
        return (int) byCallId.values().stream().filter(s -> s.resource().equals(resource) && s.state().confirmed).count();
    }

    @Override
    public int subscriptions() {
        return byCallId.size();
    }

    /** Starts {@code s} (on its stripe): registered first, then the full state, so no change falls between. */
    void start(DialogSubscription s, int expires) {
        byCallId.put(s.callId(), s);
        sendFull(s, expires);
    }

    /** A fetch (Expires: 0, RFC 6665 §4.4.3): one NOTIFY with the state and no subscription. */
    void fetch(DialogSubscription s) {
        s.state().ended = true;
        send(s, "terminated", 0, "timeout", true, dialogs.current(s.resource()));
    }

    /** A refresh (on its stripe): the new expiry, and the full state again (RFC 4235 §3.10 lets it resynchronise). */
    void refresh(DialogSubscription s, int expires) {
        s.state().expiresAtMs = System.currentTimeMillis() + expires * 1000L;
        sendFull(s, expires);
    }

    private void sendFull(DialogSubscription s, int expires) {
        send(s, "active", expires, null, true, dialogs.current(s.resource()));
    }

    /** A dialog of {@code resource} changed (any thread): every watcher gets a partial NOTIFY on its stripe. */
    void changed(String resource, DialogView view) {
        if (!dialogs.apply(resource, view)) return;
        for (DialogSubscription s : byCallId.values()) {
            if (!s.resource().equals(resource)) continue;
            boolean queued = stripes.execute(s.callId(), () -> {
                if (s.state().ended) return;
                send(s, "active", secondsLeft(s), null, false, List.of(view));
            });
            if (!queued) log.warn("Overloaded: dialog NOTIFY for {} to {} dropped", resource, s.subscriber());
        }
    }

    /** Ends (on their stripes) every subscription {@code which} selects, with RFC 6665 §4.1.3 {@code reason}. */
    CountDownLatch endAll(Predicate<DialogSubscription> which, String reason) {
        return endAll(which, reason, false);
    }

    /**
     * @param answered count a subscription as done when its last NOTIFY is answered (or has failed), not when it is
     *                 handed to the stack: on NIO a NOTIFY handed over is only queued for the selector to write
     */
    private CountDownLatch endAll(Predicate<DialogSubscription> which, String reason, boolean answered) {
        List<DialogSubscription> ending = byCallId.values().stream().filter(which).toList();
        CountDownLatch done = new CountDownLatch(ending.size());
        for (DialogSubscription s : ending) {
            boolean queued = stripes.execute(s.callId(), () -> {
                boolean awaitsAnswer = false;
                try {
                    if (!s.state().ended && which.test(s)) { // still so, now on its stripe
                        end(s, reason, answered ? done::countDown : null);
                        awaitsAnswer = answered;
                    }
                } finally {
                    if (!awaitsAnswer) done.countDown();
                }
            });
            if (!queued) done.countDown();
        }
        return done;
    }

    /** Ends {@code s} on its stripe: unsubscribed (timeout), expired, resource gone, ... */
    void end(DialogSubscription s, String reason) {
        end(s, reason, null);
    }

    private void end(DialogSubscription s, String reason, Runnable answered) {
        s.state().ended = true;
        byCallId.remove(s.callId(), s);
        send(s, "terminated", 0, reason, true, dialogs.current(s.resource()), answered);
    }

    private void expireDue() {
        endAll(s -> s.state().expiresAtMs <= System.currentTimeMillis(), "timeout"); // RFC 6665 §4.2.2: not refreshed in time
    }

    private void send(DialogSubscription s, String status, int expires, String reason, boolean full,
                      Collection<DialogView> views) {
        send(s, status, expires, reason, full, views, null);
    }

    /** @param answered run once the NOTIFY is answered or has failed; may be null */
    private void send(DialogSubscription s, String status, int expires, String reason, boolean full,
                      Collection<DialogView> views, Runnable answered) {
        String body = DialogInfoDocument.write(s.entity(), s.state().nextVersion++, full, views);
        sender.send(s, status, expires, reason, body, code -> {
            if (answered != null) answered.run();
            if (code < 300) s.state().confirmed = true;
            if (code >= 300 && !s.state().ended) {
                // RFC 6665 §4.2.2: a NOTIFY that fails (481, timeout, ...) ends the subscription
                log.info("dialog NOTIFY for {} to {} answered {}: subscription ended", s.resource(), s.subscriber(), code);
                s.state().ended = true;
                byCallId.remove(s.callId(), s);
            }
        });
    }

    private static int secondsLeft(DialogSubscription s) {
        return (int) Math.max(1, (s.state().expiresAtMs - System.currentTimeMillis()) / 1000);
    }

    /** Shutdown: every subscriber is told (RFC 6665 §4.2.2 "deactivated": subscribe again, here or elsewhere). */
    @Override
    public void stop() {
        running = false;
        if (byCallId.isEmpty()) return;
        log.info("Ending {} dialog subscription(s) for shutdown", byCallId.size());
        try {
            // until each NOTIFY is answered, so that the stack does not stop with them still queued (NIO)
            endAll(s -> true, "deactivated", true).await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the SIP stack (phase {@code Integer.MAX_VALUE - 100}), while NOTIFYs can still be sent. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }
}
