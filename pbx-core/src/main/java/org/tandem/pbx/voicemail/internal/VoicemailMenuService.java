package org.tandem.pbx.voicemail.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.stereotype.Component;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.FeatureService;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.security.AccountLockouts;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.ua.MediaCalls;
import org.tandem.pbx.voicemail.VoicemailBoxes;
import org.tandem.pbx.voicemail.VoicemailGreetings;
import org.tandem.pbx.voicemail.VoicemailStore;

/**
 * {@code *97} (one's own box) and {@code *98} (any box: its number, then its PIN): the voicemail menus by
 * phone ({@link MailboxMenu}). Database, disk and bcrypt work runs on a small {@code voicemail-menu} pool, never
 * on the SIP stripe.
 */
@Component
public class VoicemailMenuService implements FeatureService, AutoCloseable {

    final VoicemailBoxes boxes;
    final VoicemailStore store;
    final VoicemailGreetings greetings;
    /** the prompts in a box owner's language */
    final BoxLanguage prompts;

    final ApplianceSetup setup;
    final BanRegistry bans;
    /** Wrong PINs per box and caller, over calls (the login lockout's rules: tandem.security.lockout). */
    final AccountLockouts lockouts;

    private final MediaCalls calls;
    private final ThreadPoolExecutor io;

    public VoicemailMenuService(
            VoicemailBoxes boxes,
            VoicemailStore store,
            VoicemailGreetings greetings,
            BoxLanguage prompts,
            ApplianceSetup setup,
            BanRegistry bans,
            MediaCalls calls,
            AccountLockouts lockouts,
            Workers workers) {
        this.io = workers.pool("voicemail-menu", 2, 128);
        this.lockouts = lockouts;
        this.boxes = boxes;
        this.store = store;
        this.greetings = greetings;
        this.prompts = prompts;
        this.setup = setup;
        this.bans = bans;
        this.calls = calls;
    }

    @Override
    public boolean serves(Feature feature) {
        return feature == Feature.VOICEMAIL_OWN || feature == Feature.VOICEMAIL_ANY;
    }

    @Override
    public RouteStep step(CallRequest call, Feature feature, String argument) {
        String own = feature == Feature.VOICEMAIL_OWN ? call.callerExtension() : null;
        if (feature == Feature.VOICEMAIL_OWN && (own == null || boxes.find(own).isEmpty())) {
            return new RouteStep.Refuse(404, "You have no voicemail box");
        }
        String label = "voicemail-menu:" + (own != null ? own : "any");
        return new RouteStep.Serve(
                (invite, server, request) -> calls.answer(
                        invite, server, label, new MailboxMenu(own, request, invite.sourceAddress(), this)),
                label);
    }

    Executor io() {
        return io;
    }

    @Override
    public void close() {
        io.shutdownNow();
    }
}
