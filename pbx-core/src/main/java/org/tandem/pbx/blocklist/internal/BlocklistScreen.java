package org.tandem.pbx.blocklist.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.tandem.pbx.blocklist.BlockTreatment;
import org.tandem.pbx.blocklist.Blocklist;
import org.tandem.pbx.blocklist.BlocklistPolicy;
import org.tandem.pbx.call.CallBlocked;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.directory.UserLanguage;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.CallScreen;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.ua.MediaCall;
import org.tandem.pbx.ua.MediaCallScript;
import org.tandem.pbx.ua.MediaCalls;

/**
 * The blocklist on the call path: a blocked caller gets the policy's treatment (a refusal, or the media services
 * answer, say the prompt in the called user's or the system language and hang up), the call record says BLOCKED ({@link CallBlocked}), and
 * {@code tandem_blocked_calls_total} counts it by list.
 */
@Component
class BlocklistScreen implements CallScreen {

    private static final Logger log = LoggerFactory.getLogger(BlocklistScreen.class);
    static final String LABEL = "blocklist";

    private final Blocklist blocklist;
    private final CallEvents events;
    private final MediaCalls calls;
    private final Prompts prompts;
    /** The appliance has one (Prometheus); pbx-core's test application only when a test sets test.meters. */
    private final ObjectProvider<MeterRegistry> meters;

    private final UserLanguage languages;

    BlocklistScreen(
            Blocklist blocklist,
            CallEvents events,
            MediaCalls calls,
            Prompts prompts,
            ObjectProvider<MeterRegistry> meters,
            UserLanguage languages) {
        this.languages = languages;
        this.blocklist = blocklist;
        this.events = events;
        this.calls = calls;
        this.prompts = prompts;
        this.meters = meters;
    }

    @Override
    public Optional<RouteStep> screen(CallRequest call, String extension) {
        String cause = blocklist.blockedBy(call.callerNumber(), extension).orElse(null);
        if (cause == null) return Optional.empty();
        BlocklistPolicy policy = blocklist.policy();
        log.info(
                "Call {} from {} to {} blocked ({}): {}",
                call.callId(),
                call.callerNumber(),
                call.dialled(),
                cause,
                policy.treatment());
        events.publish(new CallBlocked(call.callId(), Instant.now(), cause));
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            Counter.builder("tandem.blocked.calls")
                    .description("Calls refused by the blocklist")
                    .tag(
                            "list",
                            cause.endsWith(":global") || cause.endsWith(":anonymous") ? cause.substring(10) : "user")
                    .register(registry)
                    .increment();
        }
        if (policy.treatment() == BlockTreatment.PROMPT && prompts.exists(policy.prompt())) {
            // in the called user's language (the PBX-wide screen has no user yet: the dialled number's, when it is
            // a user's), else the system language; an own prompt recorded in one language only is played as it is
            String called = extension != null ? extension : call.dialled();
            List<short[]> prompt = List.of(prompts.in(languages.of(called)).get(policy.prompt()));
            return Optional.of(new RouteStep.Serve(
                    (invite, server, request) -> calls.answer(invite, server, LABEL, new SayAndHangUp(prompt)), LABEL));
        }
        BlockTreatment refusal =
                policy.treatment() == BlockTreatment.PROMPT ? BlockTreatment.DECLINE : policy.treatment();
        return Optional.of(new RouteStep.Refuse(refusal.status(), refusal.reason()));
    }

    /** The prompt treatment: the prompt once the caller's ACK is in, then a BYE (RFC 3326 Reason says why). */
    private record SayAndHangUp(List<short[]> prompt) implements MediaCallScript {
        @Override
        public void started(MediaCall call) {
            call.sayAndHangUp(prompt, "Caller blocked");
        }

        @Override
        public void ended(MediaCall call, HangupSide side) {}
    }
}
