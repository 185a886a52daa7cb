package org.tandem.pbx.paging.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.ConferenceMixer;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.ua.MediaCall;
import org.tandem.pbx.ua.MediaCallScript;

/**
 * One page in progress: the caller's answered call and a mixer in which every member phone that answers sits
 * muted, so it hears the caller and the caller hears none of them (one-way audio, as an overhead page). The page
 * ends when the caller hangs up (BYE or CANCEL to every member phone) or when no member phone is left (the caller
 * is then hung up). Everything runs on the caller's Call-ID stripe, the member legs' events included.
 */
final class Page implements MediaCallScript {

    private static final Logger log = LoggerFactory.getLogger(Page.class);

    /** A member phone to call: the member's extension and one of their registered contacts. */
    record Target(String extension, Binding phone) {}

    private final PagingService parts;
    private final String group;
    private final CallRequest request;
    private final List<Target> targets;
    private final List<PagedPhone> phones = new ArrayList<>();
    /** Members one of whose phones answered (counted once each, PagingMetrics). */
    private final Set<String> reached = new HashSet<>();

    private MediaCall caller;
    private ConferenceMixer mixer;
    private boolean over;

    Page(PagingService parts, String group, CallRequest request, List<Target> targets) {
        this.parts = parts;
        this.group = group;
        this.request = request;
        this.targets = List.copyOf(targets);
    }

    /** The caller is answered and has ACKed: every member phone is called at once. */
    @Override
    public void started(MediaCall call) {
        caller = call;
        mixer = parts.calls().createMixer();
        mixer.join(call.media());
        log.info("Page {} to group {}: calling {} phone(s)", call.callId(), group, targets.size());
        parts.metrics().pageStarted(group, false);
        for (Target t : targets) {
            PagedPhone phone = new PagedPhone(parts, this, t.extension(), t.phone());
            phones.add(phone);
            phone.ring();
        }
        call.schedule(PagingService.RING_TIME, this::stopRinging);
    }

    /** Phones that have not answered by now are not going to: they are cancelled. */
    private void stopRinging() {
        for (PagedPhone p : List.copyOf(phones)) {
            if (p.state() == PagedPhone.State.RINGING) {
                p.end();
                left(p);
            }
        }
    }

    /** A member phone answered: it hears the caller, and nobody hears it. */
    void connected(PagedPhone phone) {
        if (over) return;
        mixer.join(phone.media());
        mixer.mute(phone.media(), true);
        if (reached.add(phone.extension())) parts.metrics().memberReached(group);
    }

    /** A member phone left (hung up, refused, failed); with none left ringing or listening, the page ends. */
    void left(PagedPhone phone) {
        if (phone.media() != null && mixer != null && !over) mixer.leave(phone.media());
        phones.remove(phone);
        if (!over && phones.isEmpty() && caller != null) {
            log.info("Page {} to group {}: no member phone is left; hanging up the caller", callId(), group);
            caller.hangUp("No member phone took the page");
        }
    }

    /** The caller hung up (or was hung up): every member phone is let go. */
    @Override
    public void ended(MediaCall call, HangupSide side) {
        over = true;
        for (PagedPhone p : List.copyOf(phones)) p.end();
        phones.clear();
        if (mixer != null) mixer.close();
    }

    /** Runs {@code task} on the caller's stripe. */
    void run(Runnable task) {
        caller.execute(task);
    }

    String callId() {
        return request.callId();
    }

    String callerExtension() {
        return request.callerExtension();
    }

    String callerNumber() {
        return request.callerNumber();
    }

    String callerName() {
        return request.callerName();
    }

    /** The caller as the member phones show them: their name, else their number. */
    String callerDisplay() {
        String name = request.callerName();
        return name == null || name.isBlank() ? request.callerNumber() : name;
    }
}
