package org.tandem.pbx.routing.internal;

import java.text.ParseException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.sip.ServerTransaction;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.audit.AuditChannel;
import org.tandem.pbx.audit.AuditLog;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.CallSettings;
import org.tandem.pbx.routing.LocalService;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.sip.AdvertisedHosts;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.ua.AnswerAndHangUp;

/**
 * Feature codes that change a user's settings (do-not-disturb, forwarding): the change is written
 * to the database off the SIP threads, and only once it is committed is the call answered and hung
 * up as the confirmation (nothing is confirmed that a restart would lose).
 */
public final class FeatureCodeActions {

    private static final Logger log = LoggerFactory.getLogger(FeatureCodeActions.class);

    private final RoutingDirectory directory;
    private final SipTransports transports;
    private final SipResponder responder;
    private final CallEvents events;
    private final ScheduledExecutorService timer;
    private final SerialExecutors stripes;
    private final AdvertisedHosts hosts;
    private final AuditLog audit;

    /** @param audit where phone-made changes are recorded (issue 17); null without the audit log */
    public FeatureCodeActions(
            RoutingDirectory directory,
            SipTransports transports,
            SipResponder responder,
            CallEvents events,
            ScheduledExecutorService timer,
            SerialExecutors stripes,
            AdvertisedHosts hosts,
            AuditLog audit) {
        this.hosts = hosts;
        this.audit = audit;
        this.directory = directory;
        this.transports = transports;
        this.responder = responder;
        this.events = events;
        this.timer = timer;
        this.stripes = stripes;
    }

    /**
     * A service that applies {@code change} to the caller's settings and confirms it.
     *
     * @param label  the feature code, as call records show it
     * @param result what was done, said in the hang-up's Reason
     */
    LocalService change(String label, String result, UnaryOperator<CallSettings> change) {
        return (invite, server, call) -> apply(invite, server, call, label, result, change);
    }

    /**
     * A service that runs {@code action} for the call (off the SIP threads; it completes with what was done, in
     * words, once that is durable) and confirms it; an {@link IllegalStateException} from it is refused with 404
     * and its message (nothing to do), any other failure with 500.
     */
    LocalService run(String label, Function<CallRequest, CompletableFuture<String>> action) {
        return (invite, server, call) -> confirm(invite, server, call, label, action.apply(call));
    }

    private void apply(
            InboundRequest invite,
            ServerTransaction server,
            CallRequest call,
            String label,
            String result,
            UnaryOperator<CallSettings> change) {
        CallSettings current = directory.callSettings(call.callerExtension()).orElse(null);
        if (current == null) {
            fail(invite, server, call, Response.FORBIDDEN, "Feature codes are for local users");
            return;
        }
        confirm(
                invite,
                server,
                call,
                label,
                directory.updateFromCall(change.apply(current)).thenApply(saved -> result));
    }

    /** Once {@code done} completes: answer and hang up with what was done as the Reason, or refuse. */
    private void confirm(
            InboundRequest invite,
            ServerTransaction server,
            CallRequest call,
            String label,
            CompletableFuture<String> done) {
        done.whenComplete((result, error) -> {
            // The audit log only enqueues; this runs on the thread that made the change durable, not a SIP stripe.
            if (error == null && audit != null) {
                audit.record(
                        call.callerExtension(),
                        AuditChannel.PHONE,
                        "dialled " + label + ": " + result,
                        call.callerExtension());
            }
            boolean queued = stripes.execute(call.callId(), () -> {
                Throwable cause =
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof IllegalStateException nothing) {
                    fail(invite, server, call, Response.NOT_FOUND, nothing.getMessage());
                } else if (cause != null) {
                    log.warn("{} for {} could not be saved: {}", label, call.callerExtension(), cause.getMessage());
                    fail(invite, server, call, Response.SERVER_INTERNAL_ERROR, "Could not save the change; try again");
                } else {
                    log.info("{} by {}: {}", label, call.callerExtension(), result);
                    AnswerAndHangUp.answer(
                            transports, responder, events, timer, stripes, invite, server, label, result, hosts);
                }
            });
            if (!queued) log.warn("Overloaded: {} for {} saved but not confirmed", label, call.callerExtension());
        });
    }

    private void fail(InboundRequest invite, ServerTransaction server, CallRequest call, int status, String reason) {
        var response = responder.create(invite.request(), status);
        try {
            response.setReasonPhrase(reason);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        responder.send(server, invite.request(), response);
        events.publish(new CallEnded(call.callId(), Instant.now(), Disposition.FAILED, status, HangupSide.SYSTEM));
    }
}
