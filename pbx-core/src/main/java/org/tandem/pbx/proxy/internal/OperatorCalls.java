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

    public OperatorCalls(ProxyRuntime runtime) {
        this.runtime = runtime;
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
}
