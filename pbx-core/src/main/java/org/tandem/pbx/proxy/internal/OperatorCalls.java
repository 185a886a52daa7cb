package org.tandem.pbx.proxy.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.anchor.RecordingToggle;
import org.tandem.pbx.proxy.CallControl;
import org.tandem.pbx.routing.CallRouter;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.RoutingDirectory;

/**
 * Calls ended by an operator, the way Tandem ends a dead call ({@link DeadCallTeardown}): on the call's stripe, a
 * BYE to each end with an RFC 3326 Reason, the relay freed, the call record closed with cause {@code operator}.
 */
public final class OperatorCalls implements CallControl {

    private static final Logger log = LoggerFactory.getLogger(OperatorCalls.class);
    static final String CAUSE = "operator";

    private final ProxyRuntime runtime;
    private final CallRouter router;
    private final RoutingDirectory routing;
    private final Predicate<String> parkOrbit;

    /** @param parkOrbit whether a number is a park orbit's */
    public OperatorCalls(
            ProxyRuntime runtime, CallRouter router, RoutingDirectory routing, Predicate<String> parkOrbit) {
        this.runtime = runtime;
        this.router = router;
        this.routing = routing;
        this.parkOrbit = parkOrbit;
    }

    @Override
    public CompletableFuture<Integer> deflect(String callId, String line, String target) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        boolean queued = runtime.stripes().execute(callId, () -> {
            try {
                int status = runtime.contexts()
                        .ringing(callId)
                        .map(c -> c.deflect(call -> router.deflect(call, target, line)))
                        .orElse(404);
                if (status == 200) log.info("Call {} ringing at {} sent to {} by an operator", callId, line, target);
                done.complete(status);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        if (!queued) done.complete(503);
        return done;
    }

    @Override
    public CompletableFuture<RecordingToggle> record(String callId, boolean start) {
        CompletableFuture<RecordingToggle> done = new CompletableFuture<>();
        boolean queued = runtime.stripes().execute(callId, () -> {
            try {
                done.complete(runtime.anchor().record(callId, start));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        if (!queued) done.completeExceptionally(new IllegalStateException("Tandem is overloaded: try again"));
        return done;
    }

    @Override
    public boolean isRecording(String callId) {
        return runtime.anchor().isRecording(callId);
    }

    @Override
    public CompletableFuture<Boolean> hangUp(String callId) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        boolean queued = runtime.stripes().execute(callId, () -> {
            try {
                boolean ended = runtime.anchoredDialogs()
                        .hangUp(callId, runtime.forwarder(), "SIP;cause=200;text=\"Hung up by the operator\"");
                if (ended) {
                    log.info("Call {} hung up by an operator", callId);
                    runtime.hold().onBye(callId);
                    runtime.anchor().ended(callId, CAUSE);
                    runtime.dialogs().ended(callId);
                    runtime.answeredCalls().endedBySystem(callId, CAUSE);
                }
                done.complete(ended);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        if (!queued) done.complete(false);
        return done;
    }

    @Override
    public CompletableFuture<Integer> transfer(String callId, boolean transferCaller, String target) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        boolean queued = runtime.stripes().execute(callId, () -> {
            var transports = runtime.forwarder().transports();
            String dialled = dialled(target);
            String referTo = "sip:" + dialled + "@" + transports.advertisedHost() + ":" + transports.port("udp");
            // the line whose call this is transfers it (the parker of a parked call, whose class applies, issue 22);
            // known before the REFER goes: the transferee's INVITE may come before its 202 is read
            String line = runtime.dialogs().party(callId, !transferCaller);
            String transferee = runtime.dialogs().party(callId, transferCaller);
            String transfereeTag = runtime.anchoredDialogs().tag(callId, transferCaller);
            if (line != null) runtime.referrals().referred(dialled, callId, line, transferee);
            boolean sent = runtime.anchoredDialogs()
                    .refer(callId, runtime.forwarder(), transferCaller, referTo, status -> {
                        done.complete(status);
                        if (status < 200 || status >= 300) {
                            runtime.referrals().withdrawn(dialled, callId);
                            return;
                        }
                        log.info(
                                "Call {}: the {} accepted the operator's transfer to {}",
                                callId,
                                transferCaller ? "caller" : "callee",
                                target);
                        Progress progress = new Progress(callId);
                        runtime.referrals().acceptedByTransferee(callId, transfereeTag, progress);
                        // a transferee that sends no NOTIFY: the old call ends once the new one has had time to start
                        progress.fallback =
                                runtime.scheduleOnStripe(callId, Duration.ofMillis(TRANSFER_GRACE_MS), () -> {
                                    progress.over = true;
                                    end(callId, "transferred");
                                });
                    });
            if (!sent) {
                runtime.referrals().withdrawn(dialled, callId);
                done.complete(404);
            }
        });
        if (!queued) done.complete(503);
        return done;
    }

    /**
     * What the transferee is asked to dial: someone's voicemail is the leave-a-message code and the box (it needs a
     * number to call); a park orbit is the park code and the orbit, which parks there whoever dials it (the orbit's own
     * number is also how a parked call is retrieved, and a phone need not say it was transferred, RFC 3892 §3).
     */
    private String dialled(String target) {
        if (target.startsWith("voicemail:"))
            return routing.featureCodes().get(Feature.VOICEMAIL_LEAVE) + target.substring(10);
        if (parkOrbit.test(target)) return routing.featureCodes().get(Feature.PARK) + target;
        return target;
    }

    /**
     * The transferee's NOTIFYs about its new call (RFC 3515 §2.4.5, a sipfrag status line each), on the call's stripe.
     * RFC 5589 §6: the transferor ends the old call once the transfer is under way — here at the first report that
     * the new call started (1xx or 2xx; a blind transfer does not wait for the answer). A failure reported before
     * that leaves the old call as it is.
     */
    private final class Progress implements IntConsumer {
        private final String callId;
        ScheduledFuture<?> fallback;

        Progress(String callId) {
            this.callId = callId;
        }

        private boolean over;

        @Override
        public void accept(int status) {
            // a report after the old call ended (a phone may send one as that call closes) changes nothing
            if (over) return;
            if (fallback != null) fallback.cancel(false);
            if (status >= 300) {
                log.info("Call {}: the transferee's new call failed ({}); the call goes on", callId, status);
                return;
            }
            over = true;
            end(callId, "transferred");
        }
    }

    /** How long the transferee has to start its new call before the old one is hung up. */
    static final long TRANSFER_GRACE_MS = 2000;

    private void end(String callId, String cause) {
        if (runtime.anchoredDialogs()
                .hangUp(callId, runtime.forwarder(), "SIP;cause=200;text=\"Transferred by the operator\"")) {
            runtime.hold().onBye(callId);
            runtime.anchor().ended(callId, cause);
            runtime.dialogs().ended(callId);
            runtime.answeredCalls().endedBySystem(callId, cause);
        }
    }
}
