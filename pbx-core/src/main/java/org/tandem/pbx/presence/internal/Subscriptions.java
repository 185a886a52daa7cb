package org.tandem.pbx.presence.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.presence.DialogWatchers;
import org.tandem.pbx.sip.EventNotifier;
import org.tandem.pbx.sip.SipTransports;

/**
 * The live subscriptions of every event package of ours and their NOTIFYs (RFC 6665 §4.2.2): the package's full
 * state when a subscription starts or is refreshed, what the package says on every change (RFC 4235 §4.1: a partial
 * dialog document with the next version; RFC 3856: the composed presence document); {@code terminated} on
 * unsubscribe, expiry, a failed NOTIFY, a deleted user and shutdown. Every NOTIFY of a subscription is built and
 * sent on its Call-ID stripe; changes arrive from the calls' stripes and are handed over.
 */
@Component
public class Subscriptions implements DialogWatchers, EventNotifier, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final Map<String, Subscription> byCallId = new ConcurrentHashMap<>();
    private final Map<String, EventPackage> packages = new ConcurrentHashMap<>();
    /** Told (on the subscription's stripe) when a subscription starts, ends or changes state: watcher information. */
    private final List<Consumer<Subscription>> observers = new CopyOnWriteArrayList<>();

    private final SerialExecutors stripes;
    private final NotifySender sender;
    private volatile boolean running;

    public Subscriptions(
            @Qualifier("sipCallStripes") SerialExecutors stripes,
            SipTransports transports,
            @Qualifier("presenceTimer") ScheduledExecutorService timer) {
        this.stripes = stripes;
        this.sender = new NotifySender(transports);
        // the sweep only looks at the clock and hands due subscriptions to their stripes
        timer.scheduleWithFixedDelay(this::expireDue, 1, 1, TimeUnit.SECONDS);
    }

    /** Makes {@code p}'s SUBSCRIBEs ours (each package registers itself when it is built). */
    void register(EventPackage p) {
        packages.put(p.event(), p);
    }

    @Override
    public Set<String> eventPackages() {
        return Set.copyOf(packages.keySet());
    }

    /** The package of {@code event} (case-insensitive, RFC 6665 §8.2.1 tokens compare so), or null when not ours. */
    EventPackage eventPackage(String event) {
        return event == null ? null : packages.get(event.toLowerCase(Locale.ROOT));
    }

    /** {@code observer} is told of every subscription that starts, ends or changes between pending and active. */
    void observe(Consumer<Subscription> observer) {
        observers.add(observer);
    }

    private void observed(Subscription s) {
        for (var o : observers) {
            try {
                o.accept(s);
            } catch (RuntimeException e) {
                log.warn("A subscription observer failed on {} of {}", s.event(), s.resource(), e);
            }
        }
    }

    Subscription find(String callId) {
        return byCallId.get(callId);
    }

    long count(String subscriber) {
        return byCallId.values().stream()
                .filter(s -> s.subscriber().equals(subscriber))
                .count();
    }

    @Override
    public int watchers(String resource) {
        return watchers("dialog", resource);
    }

    /** Subscriptions to {@code event} of {@code resource} whose subscriber answered a NOTIFY with 2xx. */
    public int watchers(String event, String resource) {
        return (int) byCallId.values().stream()
                .filter(s -> s.event().equals(event) && s.resource().equals(resource) && s.state().confirmed)
                .count();
    }

    /** The subscribers watching {@code event} of {@code resource} now (RFC 3857 watcher information). */
    List<Subscription> of(String event, String resource) {
        return byCallId.values().stream()
                .filter(s -> s.event().equals(event) && s.resource().equals(resource))
                .toList();
    }

    @Override
    public int subscriptions() {
        return (int) byCallId.values().stream()
                .filter(s -> s.event().equals("dialog"))
                .count();
    }

    /** Starts {@code s} (on its stripe): registered first, then the full state, so no change falls between. */
    void start(Subscription s, int expires) {
        byCallId.put(s.callId(), s);
        sendFull(s, expires);
        observed(s);
    }

    /** A fetch (Expires: 0, RFC 6665 §4.4.3): one NOTIFY with the state and no subscription. */
    void fetch(Subscription s) {
        s.state().ended = true;
        send(s, "terminated", 0, "timeout", s.state().pending ? null : full(s));
    }

    /** A refresh (on its stripe): the new expiry, and the full state again (RFC 4235 §3.10 lets it resynchronise). */
    void refresh(Subscription s, int expires) {
        s.state().expiresAtMs = System.currentTimeMillis() + expires * 1000L;
        sendFull(s, expires);
    }

    private void sendFull(Subscription s, int expires) {
        if (s.state().pending) send(s, "pending", expires, null, null);
        else send(s, "active", expires, null, full(s));
    }

    /**
     * The owner of {@code resource} changed who may watch it (e.g. RFC 5025 presence rules): each of its
     * subscriptions to {@code event} is authorized again on its stripe — rejected ones end (RFC 6665 §4.2.2
     * "rejected"), the others get their state again, pending or active as now decided.
     */
    void reauthorize(String event, String resource) {
        EventPackage p = packages.get(event);
        for (Subscription s : of(event, resource)) {
            stripes.execute(s.callId(), () -> {
                if (s.state().ended) return;
                EventPackage.Admission a = p.admit(s.subscriber(), resource);
                if (a == EventPackage.Admission.REJECTED) {
                    end(s, "rejected");
                    return;
                }
                boolean wasPending = s.state().pending;
                s.state().pending = a == EventPackage.Admission.PENDING;
                sendFull(s, secondsLeft(s));
                if (wasPending != s.state().pending) observed(s);
            });
        }
    }

    private String full(Subscription s) {
        EventPackage p = packages.get(s.event());
        if (s.state().members == null) return p.fullState(s);
        // RFC 4662 §5.2: the list's full state, each member as its package and its owner's authorization say
        List<RlmiBody.Part> parts = new ArrayList<>();
        for (Subscription m : s.state().members.values()) parts.add(memberPart(p, s, m, p::fullState));
        return RlmiBody.write(s.callId(), s.entity(), s.state().nextVersion++, true, parts);
    }

    private static RlmiBody.Part memberPart(
            EventPackage p, Subscription list, Subscription m, Function<Subscription, String> body) {
        return switch (p.admit(list.subscriber(), m.resource())) {
            case ACTIVE -> RlmiBody.Part.active(m.entity(), p.contentType(), body.apply(m));
            case PENDING -> RlmiBody.Part.withoutState(m.entity(), "pending");
            case REJECTED -> RlmiBody.Part.withoutState(m.entity(), "terminated");
        };
    }

    /** The Content-Type of {@code s}'s NOTIFYs: its package's, or multipart/related for a list (RFC 4662 §5). */
    private String contentType(Subscription s) {
        return s.state().members == null ? packages.get(s.event()).contentType() : RlmiBody.contentType(s.callId());
    }

    /**
     * {@code resource}'s state in {@code event} changed (any thread): every watcher gets a NOTIFY on its stripe, with
     * the document {@code body} builds for it there (none when that is null: the change is nothing this watcher watches).
     */
    void changed(String event, String resource, Function<Subscription, String> body) {
        for (Subscription s : byCallId.values()) {
            if (!s.event().equals(event)) continue;
            Map<String, Subscription> members = s.state().members;
            if (members != null && members.containsKey(resource)) {
                // RFC 4662 §5.2: a list's NOTIFY with just the member that changed
                Subscription m = members.get(resource);
                EventPackage p = packages.get(event);
                stripes.execute(s.callId(), () -> {
                    if (s.state().ended) return;
                    send(
                            s,
                            "active",
                            secondsLeft(s),
                            null,
                            RlmiBody.write(
                                    s.callId(),
                                    s.entity(),
                                    s.state().nextVersion++,
                                    false,
                                    List.of(memberPart(p, s, m, body))));
                });
                continue;
            }
            if (!s.resource().equals(resource)) continue;
            boolean queued = stripes.execute(s.callId(), () -> {
                if (s.state().ended || s.state().pending) return; // a pending watcher is told nothing of the state
                String document = body.apply(s);
                if (document != null) send(s, "active", secondsLeft(s), null, document); // null: nothing for this one
            });
            if (!queued) log.warn("Overloaded: {} NOTIFY for {} to {} dropped", event, resource, s.subscriber());
        }
    }

    /** Ends (on their stripes) every subscription {@code which} selects, with RFC 6665 §4.1.3 {@code reason}. */
    CountDownLatch endAll(Predicate<Subscription> which, String reason) {
        return endAll(which, reason, false);
    }

    /**
     * @param answered count a subscription as done when its last NOTIFY is answered (or has failed), not when it is
     *                 handed to the stack: on NIO a NOTIFY handed over is only queued for the selector to write
     */
    private CountDownLatch endAll(Predicate<Subscription> which, String reason, boolean answered) {
        List<Subscription> ending = byCallId.values().stream().filter(which).toList();
        CountDownLatch done = new CountDownLatch(ending.size());
        for (Subscription s : ending) {
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
    void end(Subscription s, String reason) {
        end(s, reason, null);
    }

    private void end(Subscription s, String reason, Runnable answered) {
        s.state().ended = true;
        byCallId.remove(s.callId(), s);
        // RFC 6665 §4.2.2: a rejected or still pending subscription ends without the state it was never given
        boolean withState = !s.state().pending && !"rejected".equals(reason);
        send(s, "terminated", 0, reason, withState ? full(s) : null, answered);
        observed(s);
    }

    private void expireDue() {
        endAll(
                s -> s.state().expiresAtMs <= System.currentTimeMillis(),
                "timeout"); // RFC 6665 §4.2.2: not refreshed in time
    }

    private void send(Subscription s, String status, int expires, String reason, String body) {
        send(s, status, expires, reason, body, null);
    }

    /** @param answered run once the NOTIFY is answered or has failed; may be null */
    private void send(Subscription s, String status, int expires, String reason, String body, Runnable answered) {
        sender.send(s, status, expires, reason, contentType(s), body, code -> {
            if (answered != null) answered.run();
            if (code < 300) s.state().confirmed = true;
            if (code >= 300 && !s.state().ended) {
                // RFC 6665 §4.2.2: a NOTIFY that fails (481, timeout, ...) ends the subscription
                log.info(
                        "{} NOTIFY for {} to {} answered {}: subscription ended",
                        s.event(),
                        s.resource(),
                        s.subscriber(),
                        code);
                s.state().ended = true;
                byCallId.remove(s.callId(), s);
                observed(s);
            }
        });
    }

    private static int secondsLeft(Subscription s) {
        return (int) Math.max(1, (s.state().expiresAtMs - System.currentTimeMillis()) / 1000);
    }

    /** Shutdown: every subscriber is told (RFC 6665 §4.2.2 "deactivated": subscribe again, here or elsewhere). */
    @Override
    public void stop() {
        running = false;
        if (byCallId.isEmpty()) return;
        log.info("Ending {} subscription(s) for shutdown", byCallId.size());
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
