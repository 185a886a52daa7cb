package org.tandem.pbx.paging.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.MediaSession;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallRouted;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.routing.AutoAnswer;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.ua.PlacedCall;

/**
 * Tandem's call to one member phone of a page: a {@link PlacedCall} along the phone's registered flow with the
 * vendors' auto-answer headers ({@link AutoAnswer}) and <em>no</em> offer (RFC 3261 §13.2.1), so the phone offers in
 * its 2xx and Tandem answers in the ACK. The answered phone's session joins the page's mixer muted: it hears the
 * caller, nobody hears it. Every event of it runs on the page caller's Call-ID stripe ({@link Page#run}), so the page
 * needs no locks. Each leg is a call record of its own, linked to the page caller's.
 */
final class PagedPhone implements PlacedCall.Listener {

    private static final Logger log = LoggerFactory.getLogger(PagedPhone.class);

    enum State {
        RINGING,
        CONNECTED,
        OVER
    }

    private final PagingService parts;
    private final Page page;
    private final String extension;
    private final Binding phone;
    private PlacedCall leg;
    private State state = State.RINGING;
    private boolean endedByPage;

    PagedPhone(PagingService parts, Page page, String extension, Binding phone) {
        this.parts = parts;
        this.page = page;
        this.extension = extension;
        this.phone = phone;
    }

    State state() {
        return state;
    }

    String extension() {
        return extension;
    }

    MediaSession media() {
        return leg == null ? null : leg.media();
    }

    /** Calls the phone (on the page's stripe); the phones show who pages, and that it is a page. */
    void ring() {
        String domain = parts.domain().current();
        List<String> headers = new ArrayList<>();
        for (String[] h : AutoAnswer.headers(domain)) headers.add(h[0] + ": " + h[1]);
        leg = parts.calls()
                .place(
                        phone,
                        new PlacedCall.Invitation(
                                "page",
                                page.callerNumber(),
                                "Page: " + page.callerDisplay(),
                                extension,
                                domain,
                                headers,
                                false),
                        page::run,
                        this);
    }

    @Override
    public void dialing(PlacedCall call) {
        Instant now = Instant.now();
        parts.events()
                .publish(new CallStarted(
                        call.callId(),
                        now,
                        page.callerExtension(),
                        page.callerNumber(),
                        page.callerName(),
                        extension,
                        CallDirection.INTERNAL,
                        null,
                        null,
                        page.callId()));
        parts.events().publish(new CallRouted(call.callId(), now, Destination.Extension.textOf(extension), null, null));
        log.info("Page {}: calling {} ({})", page.callId(), extension, call.callId());
    }

    @Override
    public void answered(PlacedCall call) {
        state = State.CONNECTED;
        parts.events().publish(new CallAnswered(call.callId(), Instant.now(), extension));
        page.connected(this);
    }

    @Override
    public void failed(PlacedCall call, int status) {
        if (state != State.RINGING) return;
        state = State.OVER;
        log.info("Page {}: {} did not take the page: {}", page.callId(), extension, status);
        parts.events()
                .publish(new CallEnded(
                        call.callId(), Instant.now(), Disposition.ofFailure(status, false), status, HangupSide.CALLEE));
        page.left(this);
    }

    /** An answered leg is over: the phone hung up, its RTP stopped, its offer did not fit, or the page ended. */
    @Override
    public void ended(PlacedCall call, HangupSide side) {
        boolean wasAnswered = state == State.CONNECTED;
        state = State.OVER;
        page.left(this);
        parts.events()
                .publish(new CallEnded(
                        call.callId(),
                        Instant.now(),
                        wasAnswered ? Disposition.ANSWERED : Disposition.FAILED,
                        wasAnswered ? 200 : 488,
                        endedByPage ? HangupSide.CALLER : side));
    }

    /** The page is over (the caller hung up): a ringing phone is cancelled, a connected one gets a BYE. */
    void end() {
        if (state == State.CONNECTED) {
            endedByPage = true;
            leg.hangUp(null);
        } else if (state == State.RINGING) {
            state = State.OVER;
            leg.cancel();
            parts.events()
                    .publish(new CallEnded(leg.callId(), Instant.now(), Disposition.CANCELLED, 487, HangupSide.CALLER));
        }
    }
}
