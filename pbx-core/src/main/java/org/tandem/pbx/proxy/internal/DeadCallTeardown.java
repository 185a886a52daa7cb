package org.tandem.pbx.proxy.internal;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.tandem.pbx.anchor.DtlsFailed;
import org.tandem.pbx.anchor.StreamDead;

/**
 * A relayed party went silent (its phone lost power or network, its NAT mapping died): both sides get a BYE with an
 * RFC 3326 Reason, the call record ends with side SYSTEM and cause {@code rtp-timeout}, and the relay is freed — what
 * Asterisk's {@code rtptimeout} does. Runs on the call's stripe (the relay's events are delivered there).
 */
public final class DeadCallTeardown {

    private static final Logger log = LoggerFactory.getLogger(DeadCallTeardown.class);
    static final String CAUSE = "rtp-timeout";
    static final String DTLS_CAUSE = "dtls-failed";

    private final ProxyRuntime runtime;

    public DeadCallTeardown(ProxyRuntime runtime) {
        this.runtime = runtime;
    }

    @EventListener
    void on(StreamDead dead) {
        String callId = dead.callId();
        String party = dead.silent().name().toLowerCase(Locale.ROOT);
        if (!runtime.anchoredDialogs()
                .hangUp(callId, runtime.forwarder(), "SIP;cause=408;text=\"No RTP from the " + party + "\"")) {
            log.debug("Call {}: the {} is silent, but the call is not answered: its INVITE decides", callId, party);
            return;
        }
        log.info("Call {} hung up: no RTP from the {} (tandem.media.dead-stream-timeout)", callId, party);
        runtime.hold().onBye(callId);
        runtime.anchor().ended(callId, CAUSE);
        runtime.dialogs().ended(callId);
        runtime.answeredCalls().endedBySystem(callId, CAUSE);
    }

    /** RFC 5763 §6.7.1 and friends: a WebRTC party whose DTLS failed can get no media; hang up, saying why. */
    @EventListener
    void on(DtlsFailed failed) {
        String callId = failed.callId();
        String party = failed.side().name().toLowerCase(Locale.ROOT);
        log.info("Call {}: DTLS-SRTP with the {} failed: {}", callId, party, failed.reason());
        if (runtime.anchoredDialogs()
                .hangUp(
                        callId,
                        runtime.forwarder(),
                        "SIP;cause=488;text=\"DTLS-SRTP with the " + party + " failed\"")) {
            runtime.hold().onBye(callId);
            runtime.anchor().ended(callId, DTLS_CAUSE);
            runtime.dialogs().ended(callId);
            runtime.answeredCalls().endedBySystem(callId, DTLS_CAUSE);
        }
    }
}
