package org.tandem.pbx.queue.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.ConferenceMixer;
import org.tandem.pbx.anchor.CallRecorder;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.prompt.LanguagePrompts;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.QueueStatus;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.ua.MediaCall;
import org.tandem.pbx.ua.MediaCallScript;
import org.tandem.pbx.ua.PlacedCall;

/**
 * A caller to a queue, answered here: joins the line ({@link LiveQueue}), hears "all of our agents are busy" and music
 * on hold, every {@code announceSeconds} their position (and estimated wait, and the leave key); after the maximum wait
 * (or when the line refuses them) goes on to the fallback, and with the queue's leave key to that key's destination. When an agent answers, the two legs are joined in a two-party mixer (as a retrieved park call is)
 * and whoever hangs up ends the other. Runs on the caller's stripe; the line's decisions come from the queue's stripe.
 */
final class QueueCaller implements MediaCallScript {

    private static final Logger log = LoggerFactory.getLogger(QueueCaller.class);

    private enum Phase {
        JOINING,
        WAITING,
        CONNECTED,
        LEFT
    }

    private final LiveQueue line;
    final CallRequest request;
    private final QueueDestination services;
    private MediaCall call;
    private Phase phase = Phase.JOINING;
    /** set by the line (queue stripe), read here for the announcement */
    volatile int position;

    volatile Instant joinedAt;
    private ScheduledFuture<?> announcer;
    private ScheduledFuture<?> maxWait;
    private PlacedCall agentLeg;
    private ConferenceMixer bridge;
    /** counts playbacks of prompts: see {@link #say} */
    private int playback;

    /** the queue's language, fixed for the call */
    private final LanguagePrompts prompts;

    QueueCaller(LiveQueue line, CallRequest request, QueueDestination services, LanguagePrompts prompts) {
        this.prompts = prompts;
        this.line = line;
        this.request = request;
        this.services = services;
    }

    @Override
    public void started(MediaCall call) {
        this.call = call;
        line.execute(() -> line.join(this));
    }

    /** The line took the caller in at {@code position} (on the caller's stripe). */
    void waiting(CallQueue queue) {
        if (call.isOver() || phase != Phase.JOINING) return;
        phase = Phase.WAITING;
        say(prompts.all("queue-please-hold"));
        if (queue.announceSeconds() > 0) {
            Duration every = Duration.ofSeconds(queue.announceSeconds());
            // the first once the greeting is over: it is not cut off
            Duration first = every.plus(prompts.length("queue-please-hold"));
            announcer = call.schedule(first, () -> announce(every));
        }
        if (queue.maxWaitSeconds() > 0) {
            maxWait = call.schedule(
                    Duration.ofSeconds(queue.maxWaitSeconds()), () -> line.execute(() -> line.timedOut(this)));
        }
    }

    /**
     * Plays {@code prompts}, then the music again. A newer playback cuts this one, whose completion then comes too:
     * only the completion of the latest brings the music back.
     */
    private void say(List<short[]> prompts) {
        int mine = ++playback;
        call.playAll(prompts).whenComplete((o, e) -> {
            if (mine == playback && phase == Phase.WAITING) call.loop(this.prompts.get("moh-default"));
        });
    }

    /**
     * "You are caller number 2 in line", the estimated wait when known, the leave key when there is one
     * ({@link QueueAnnouncement}), then the music again; and again after {@code every}.
     */
    private void announce(Duration every) {
        if (phase != Phase.WAITING) return;
        int at = Math.max(1, position);
        Instant since = joinedAt;
        long waited = since == null ? 0 : Duration.between(since, Instant.now()).toMillis();
        String key =
                services.queues().find(line.number()).map(CallQueue::leaveKey).orElse(null);
        say(QueueAnnouncement.of(prompts, at, line.estimate(at, waited), key));
        announcer = call.schedule(every, () -> announce(every));
    }

    /** The queue's leave key, pressed while waiting, takes the caller out of the line to the key's destination. */
    @Override
    public void dtmf(MediaCall call, char digit) {
        if (phase != Phase.WAITING) return;
        String key =
                services.queues().find(line.number()).map(CallQueue::leaveKey).orElse(null);
        if (key != null && key.charAt(0) == digit) line.execute(() -> line.leftByKey(this));
    }

    /** The caller cannot wait (full, empty, maximum wait): on to the queue's fallback, or goodbye (caller's stripe). */
    void leaveTo(Destination fallback, String queueNumber) {
        if (call.isOver() || phase == Phase.LEFT || phase == Phase.CONNECTED) return;
        phase = Phase.LEFT;
        stopTimers();
        call.media().stopPlayback();
        log.info(
                "Queue {}: caller {} goes to {}",
                queueNumber,
                request.callerNumber(),
                fallback == null ? "hangup" : fallback);
        services.onward()
                .send(
                        call,
                        request,
                        fallback == null ? new Destination.Hangup() : fallback,
                        "queue-" + queueNumber,
                        prompts.language());
    }

    /** An agent answered: the caller and the agent hear each other (caller's stripe). */
    void connect(PlacedCall leg, AgentLeg agent) {
        if (call.isOver()) {
            leg.execute(() -> leg.hangUp("The caller hung up"));
            return;
        }
        phase = Phase.CONNECTED;
        stopTimers();
        agentLeg = leg;
        call.media().stopPlayback();
        bridge = services.calls().createMixer();
        agent.linkTo(this, bridge);
        bridge.join(call.media());
        bridge.join(leg.media());
        var origin = request.origin();
        short[] announcement = services.recordings()
                .recordQueueCall(
                        bridge,
                        request.callId(),
                        line.number(),
                        new CallRecorder.Involved(
                                request.callerExtension(),
                                List.of(agent.agent),
                                origin == null ? null : origin.trunk(),
                                origin == null ? null : origin.did()));
        if (announcement != null) { // "this call is being recorded": a session's own playback comes before the mix
            call.media().play(announcement);
            leg.media().play(announcement);
        }
        // the agent may have hung up before the link was made: their leg's stripe tells
        leg.execute(() -> {
            if (leg.isOver()) execute(this::agentGone);
        });
    }

    /** The agent hung up (caller's stripe). */
    void agentGone() {
        if (bridge != null) bridge.close();
        call.hangUp("The agent hung up");
    }

    Instant joinedAt() {
        return joinedAt;
    }

    QueueStatus.WaitingCaller view() {
        return new QueueStatus.WaitingCaller(position, request.callerNumber(), request.callerName(), joinedAt);
    }

    void execute(Runnable task) {
        call.execute(task);
    }

    private void stopTimers() {
        if (announcer != null) announcer.cancel(false);
        if (maxWait != null) maxWait.cancel(false);
    }

    @Override
    public void ended(MediaCall ended, HangupSide side) {
        stopTimers();
        Phase was = phase;
        phase = Phase.LEFT;
        if (was == Phase.CONNECTED) {
            if (bridge != null) bridge.close();
            PlacedCall leg = agentLeg;
            leg.execute(() -> leg.hangUp("The caller hung up"));
        } else if (was != Phase.LEFT) {
            line.execute(() -> line.abandoned(this));
        }
    }
}
