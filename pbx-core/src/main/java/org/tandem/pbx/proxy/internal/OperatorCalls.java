package org.tandem.pbx.proxy.internal;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.proxy.CallControl;

/**
 * Calls ended by an operator, the way Tandem ends a dead call ({@link DeadCallTeardown}): on the call's stripe, a
 * BYE to each end with an RFC 3326 Reason, the relay freed, the call record closed with cause {@code operator}.
 */
public final class OperatorCalls implements CallControl {

    private static final Logger log = LoggerFactory.getLogger(OperatorCalls.class);
    static final String CAUSE = "operator";

    private final ProxyRuntime runtime;
    private final org.tandem.pbx.routing.CallRouter router;
    private final org.tandem.pbx.routing.RoutingDirectory routing;

    public OperatorCalls(ProxyRuntime runtime, org.tandem.pbx.routing.CallRouter router,
                         org.tandem.pbx.routing.RoutingDirectory routing) {
        this.runtime = runtime;
        this.router = router;
        this.routing = routing;
    }

    @Override
    public CompletableFuture<Integer> deflect(String callId, String line, String target) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        boolean queued = runtime.stripes().execute(callId, () -> {
            try {
                int status = runtime.contexts().ringing(callId)
                        .map(c -> c.deflect(call -> router.deflect(call, target, line))).orElse(404);
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
    public CompletableFuture<Boolean> hangUp(String callId) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        boolean queued = runtime.stripes().execute(callId, () -> {
            try {
                boolean ended = runtime.anchoredDialogs().hangUp(callId, runtime.forwarder(),
                        "SIP;cause=200;text=\"Hung up by the operator\"");
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
            var transports = runtime.forwarder().transports;
            // someone's voicemail: the party dials the leave-a-message code and the box (it needs a number to call)
            String dialled = target.startsWith("voicemail:")
                    ? routing.featureCodes().get(org.tandem.pbx.routing.Feature.VOICEMAIL_LEAVE) + target.substring(10)
                    : target;
            String referTo = "sip:" + dialled + "@" + transports.advertisedHost() + ":" + transports.port("udp");
            boolean sent = runtime.anchoredDialogs().refer(callId, runtime.forwarder(), transferCaller, referTo, status -> {
                done.complete(status);
                if (status >= 200 && status < 300) {
                    log.info("Call {}: the {} accepted the operator's transfer to {}", callId,
                            transferCaller ? "caller" : "callee", target);
                    // the transferee calls the target on its own; the old call ends once it has started (RFC 5589 §6)
                    runtime.timers().schedule(() -> runtime.stripes().execute(callId, () -> end(callId, "transferred")),
                            TRANSFER_GRACE_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            });
            if (!sent) done.complete(404);
        });
        if (!queued) done.complete(503);
        return done;
    }

    /** How long the transferee has to start its new call before the old one is hung up. */
    static final long TRANSFER_GRACE_MS = 2000;

    private void end(String callId, String cause) {
        if (runtime.anchoredDialogs().hangUp(callId, runtime.forwarder(), "SIP;cause=200;text=\"Transferred by the operator\"")) {
            runtime.hold().onBye(callId);
            runtime.anchor().ended(callId, cause);
            runtime.dialogs().ended(callId);
            runtime.answeredCalls().endedBySystem(callId, cause);
        }
    }
}
