package org.tandem.pbx.queue.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.prompt.LanguagePrompts;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.queue.AgentState;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.queue.QueueCalls;
import org.tandem.pbx.queue.QueueFigures;
import org.tandem.pbx.queue.QueueStatus;
import org.tandem.pbx.recording.CallRecordings;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.MediaCallOnward;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.routing.ServedDestination;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.ua.MediaCallScript;
import org.tandem.pbx.ua.MediaCalls;

/**
 * {@code queue:<number>} (and the queue's number dialled): the caller is answered and waits in the queue's line
 * ({@link QueueCaller}, {@link LiveQueue}); also the run-time view of the queues ({@link QueueCalls}).
 */
@Component
public class QueueDestination implements ServedDestination, QueueCalls {

    private static final Logger log = LoggerFactory.getLogger(QueueDestination.class);

    private final CallQueues queues;
    private final AgentBoard agents;
    private final MediaCalls calls;
    private final Prompts prompts;
    private final MediaCallOnward onward;
    private final SipDomain domain;
    private final SerialExecutors stripes;
    private final ScheduledExecutorService timer;
    private final CallEvents events;
    private final QueueRecords records;
    private final AgentLogins logins;
    private final AgentPauses pauses;
    private final CallRecordings recordings;
    private final ApplianceSetup setup;
    private final Map<String, LiveQueue> live = new ConcurrentHashMap<>();

    public QueueDestination(
            CallQueues queues,
            AgentBoard agents,
            MediaCalls calls,
            Prompts prompts,
            MediaCallOnward onward,
            SipDomain domain,
            @Qualifier("sipCallStripes") SerialExecutors stripes,
            @Qualifier("sipProxyTimer") ScheduledExecutorService timer,
            CallEvents events,
            QueueRecords records,
            AgentLogins logins,
            AgentPauses pauses,
            CallRecordings recordings,
            ApplianceSetup setup) {
        this.setup = setup;
        this.recordings = recordings;
        this.logins = logins;
        this.pauses = pauses;
        this.queues = queues;
        this.agents = agents;
        this.calls = calls;
        this.prompts = prompts;
        this.onward = onward;
        this.domain = domain;
        this.stripes = stripes;
        this.timer = timer;
        this.events = events;
        this.records = records;
    }

    @Override
    public boolean serves(Destination destination) {
        return destination instanceof Destination.Queue;
    }

    @Override
    public RouteStep step(CallRequest call, Destination destination, Reason reason) {
        String number = ((Destination.Queue) destination).number();
        if (queues.find(number).isEmpty()) return new RouteStep.Refuse(404, "No queue " + number);
        String label = destination.toString();
        return new RouteStep.Serve(
                (invite, server, request) -> calls.answer(
                        invite, server, label, new QueueCaller(line(number), request, this, prompts(number))),
                label);
    }

    @Override
    public Optional<MediaCallScript> scriptFor(CallRequest call, Destination destination) {
        String number = ((Destination.Queue) destination).number();
        return queues.find(number).map(q -> new QueueCaller(line(number), call, this, prompts(number)));
    }

    private LiveQueue line(String number) {
        return live.computeIfAbsent(number, n -> new LiveQueue(n, this));
    }

    @Override
    public Optional<QueueStatus> status(String number) {
        CallQueue q = queues.find(number).orElse(null);
        if (q == null) return Optional.empty();
        LiveQueue l = live.get(number);
        return Optional.of(new QueueStatus(
                number,
                l == null ? List.of() : l.waiting(),
                logins.agentsOf(q).stream().map(a -> agentNow(number, a)).toList()));
    }

    /** An agent's state as queue {@code number} sees it: PAUSED there unless ringing or in a queue call now. */
    private QueueStatus.Agent agentNow(String number, String extension) {
        AgentState state = agents.state(extension);
        AgentPauses.Pause pause = pauses.of(number, extension).orElse(null);
        if (pause == null) return new QueueStatus.Agent(extension, state);
        AgentState shown = state == AgentState.RINGING || state == AgentState.IN_QUEUE_CALL ? state : AgentState.PAUSED;
        return new QueueStatus.Agent(extension, shown, pause.reason(), pause.since());
    }

    @Override
    public QueueFigures figures(String number, LocalDate day) {
        int level = queues.find(number).map(CallQueue::serviceLevelSeconds).orElse(20);
        return records.figures(number, day, agents.zone(), level);
    }

    /** A caller left the line: into the call record (CallQueued). */
    void outcome(QueueCaller caller, String number, CallQueued.Outcome outcome, long waitMillis, String agent) {
        events.publish(new CallQueued(caller.request.callId(), Instant.now(), number, outcome, waitMillis, agent));
    }

    void onQueueStripe(String number, Runnable task) {
        if (!stripes.execute("queue:" + number, task)) log.warn("Queue {}: stripe queue full, event dropped", number);
    }

    CallQueues queues() {
        return queues;
    }

    /** Queue calls recorded by their queue's rule (issue 18). */
    CallRecordings recordings() {
        return recordings;
    }

    AgentLogins logins() {
        return logins;
    }

    AgentPauses pauses() {
        return pauses;
    }

    AgentBoard agents() {
        return agents;
    }

    MediaCalls calls() {
        return calls;
    }

    /** The prompts in the language of queue {@code number} (else the system language; English where one lacks). */
    LanguagePrompts prompts(String number) {
        return prompts.in(
                setup.languageOr(queues.find(number).map(CallQueue::language).orElse(null)));
    }

    MediaCallOnward onward() {
        return onward;
    }

    String domain() {
        return domain.current();
    }

    ScheduledExecutorService timer() {
        return timer;
    }
}
