package org.tandem.pbx.queue.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.queue.AgentState;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.QueueStatus;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.ua.PlacedCall;

/**
 * One queue's line at run time: the callers in the order they came, and the one ring attempt for the first of them
 * (strict order: the second caller is offered only once the first is answered or gone). Changed only on the queue's
 * own stripe ({@code queue:<number>} of the SIP stripes), so callers on different Call-IDs need no locks; a tick every
 * second while anyone waits offers the first caller again when agents became free (wrap-up over, a phone registered,
 * a pause over). Paused agents are not rung and do not count as present. An agent who lets the call ring out (the
 * queue's ring time) or declines it is not rung again for that caller until every other free agent was, by the strategy.
 */
final class LiveQueue {

    private static final Logger log = LoggerFactory.getLogger(LiveQueue.class);

    private final String number;
    private final QueueDestination services;
    private final List<QueueCaller> line = new ArrayList<>();
    /** the legs ringing for the first caller, by agent; empty when no attempt runs */
    private final Map<PlacedCall, AgentLeg> ringing = new HashMap<>();

    private QueueCaller offered;
    private String lastRung;
    /**
     * The agents already rung for {@link #triedFor} in this round: not rung again for that caller until every free
     * agent was (else LEAST_RECENT, FEWEST_CALLS or RANDOM would pick the agent who just let it ring out again and again)
     */
    private final Set<String> tried = new HashSet<>();

    private QueueCaller triedFor;
    private ScheduledFuture<?> tick;
    private volatile List<QueueStatus.WaitingCaller> snapshot = List.of();
    private final WaitEstimate estimate = new WaitEstimate();

    LiveQueue(String number, QueueDestination services) {
        this.number = number;
        this.services = services;
    }

    /** The queue's number. */
    String number() {
        return number;
    }

    void execute(Runnable task) {
        services.onQueueStripe(number, task);
    }

    /** A caller asks to join (queue stripe). */
    void join(QueueCaller caller) {
        CallQueue queue = services.queues().find(number).orElse(null);
        if (queue == null) {
            caller.execute(() -> caller.leaveTo(null, number));
            return;
        }
        if (queue.maxCallers() > 0 && line.size() >= queue.maxCallers()) {
            refuse(caller, queue, CallQueued.Outcome.FULL);
            return;
        }
        if (!queue.joinEmpty() && noAgentPresent(queue)) {
            refuse(caller, queue, CallQueued.Outcome.EMPTY);
            return;
        }
        caller.joinedAt = Instant.now();
        line.add(caller);
        renumber();
        log.info("Queue {}: caller {} joins at position {}", number, caller.request.callerNumber(), line.size());
        caller.execute(() -> caller.waiting(queue));
        if (tick == null) {
            tick = services.timer().scheduleWithFixedDelay(() -> execute(this::tick), 1, 1, TimeUnit.SECONDS);
        }
        offer();
    }

    private void refuse(QueueCaller caller, CallQueue queue, CallQueued.Outcome why) {
        log.info("Queue {}: caller {} not let in ({})", number, caller.request.callerNumber(), why);
        services.outcome(caller, number, why, 0, null);
        caller.execute(() -> caller.leaveTo(queue.fallback(), number));
    }

    private boolean noAgentPresent(CallQueue queue) {
        return staffed(queue) == 0;
    }

    /** Agents with a phone registered, not in DND, not paused in this queue (any thread). */
    private int staffed(CallQueue queue) {
        return (int) services.logins().agentsOf(queue).stream()
                .filter(a -> services.agents().present(a) && !services.pauses().paused(number, a))
                .count();
    }

    /** The estimated wait of the caller at {@code position} who waited {@code waitedMillis} (caller's stripe). */
    OptionalLong estimate(int position, long waitedMillis) {
        CallQueue queue = services.queues().find(number).orElse(null);
        if (queue == null) return OptionalLong.empty();
        return estimate.averages(Instant.now()).secondsFor(position, staffed(queue), waitedMillis);
    }

    /** The caller hung up while waiting (queue stripe). */
    void abandoned(QueueCaller caller) {
        if (!line.remove(caller)) return;
        services.outcome(caller, number, CallQueued.Outcome.ABANDONED, waited(caller), null);
        log.info("Queue {}: caller {} hung up after {} ms", number, caller.request.callerNumber(), waited(caller));
        left(caller);
    }

    /** The caller's maximum wait is over (queue stripe). */
    void timedOut(QueueCaller caller) {
        if (!line.remove(caller)) return;
        services.outcome(caller, number, CallQueued.Outcome.TIMEOUT, waited(caller), null);
        left(caller);
        CallQueue queue = services.queues().find(number).orElse(null);
        caller.execute(() -> caller.leaveTo(queue == null ? null : queue.fallback(), number));
    }

    /** The caller pressed the queue's leave key (queue stripe): on to the key's destination. */
    void leftByKey(QueueCaller caller) {
        if (!line.remove(caller)) return;
        services.outcome(caller, number, CallQueued.Outcome.LEFT_BY_KEY, waited(caller), null);
        log.info(
                "Queue {}: caller {} left by the key after {} ms",
                number,
                caller.request.callerNumber(),
                waited(caller));
        left(caller);
        CallQueue queue = services.queues().find(number).orElse(null);
        caller.execute(() -> caller.leaveTo(
                queue == null ? null : queue.leaveDestination() != null ? queue.leaveDestination() : queue.fallback(),
                number));
    }

    private void left(QueueCaller caller) {
        if (caller == offered) stopRinging(null);
        renumber();
        offer();
    }

    private void tick() {
        if (line.isEmpty()) {
            if (tick != null) tick.cancel(false);
            tick = null;
            return;
        }
        CallQueue queue = services.queues().find(number).orElse(null);
        if (queue != null && queue.leaveWhenEmpty() && noAgentPresent(queue)) {
            for (QueueCaller c : List.copyOf(line)) {
                line.remove(c);
                services.outcome(c, number, CallQueued.Outcome.EMPTY, waited(c), null);
                if (c == offered) stopRinging(null);
                c.execute(() -> c.leaveTo(queue.fallback(), number));
            }
            renumber();
            return;
        }
        offer();
    }

    /** Rings agents for the first caller when no attempt runs and the strategy finds free agents. */
    private void offer() {
        if (!ringing.isEmpty() || line.isEmpty()) return;
        CallQueue queue = services.queues().find(number).orElse(null);
        if (queue == null) return;
        QueueCaller first = line.get(0);
        if (first != triedFor) {
            tried.clear();
            triedFor = first;
        }
        AgentBoard board = services.agents();
        Predicate<String> free = a -> !services.pauses().paused(number, a) && board.state(a) == AgentState.IDLE;
        List<String> agents = services.logins().agentsOf(queue);
        List<String> picked = AgentPicker.pick(
                queue.strategy(),
                agents,
                free.and(a -> !tried.contains(a)),
                lastRung,
                board.lastEnded(),
                board.answeredToday(),
                ThreadLocalRandom.current());
        if (picked.isEmpty() && !tried.isEmpty()) { // every free agent was rung for this caller: the next round
            tried.clear();
            picked = AgentPicker.pick(
                    queue.strategy(),
                    agents,
                    free,
                    lastRung,
                    board.lastEnded(),
                    board.answeredToday(),
                    ThreadLocalRandom.current());
        }
        for (String agent : picked) {
            List<Binding> phones = board.phones(agent);
            if (phones.isEmpty() || !board.reserve(agent)) continue;
            lastRung = agent;
            tried.add(agent);
            AgentLeg leg = new AgentLeg(agent, first, this);
            String display = queue.name() + ": "
                    + (first.request.callerName() == null
                                    || first.request.callerName().isBlank()
                            ? first.request.callerNumber()
                            : first.request.callerName());
            for (Binding phone : phones) {
                PlacedCall.Invitation invitation = new PlacedCall.Invitation(
                        "placed",
                        first.request.callerNumber() == null ? "anonymous" : first.request.callerNumber(),
                        display,
                        agent,
                        services.domain(),
                        List.of(),
                        true);
                PlacedCall placed =
                        services.calls().place(phone, invitation, Duration.ofSeconds(queue.agentRingSeconds()), leg);
                ringing.put(placed, leg);
            }
            log.info(
                    "Queue {}: ringing agent {} ({} phones) for caller {}",
                    number,
                    agent,
                    phones.size(),
                    first.request.callerNumber());
        }
        if (!ringing.isEmpty()) offered = first;
    }

    /** One of the agent's phones answered (queue stripe). */
    void agentAnswered(AgentLeg leg, PlacedCall call) {
        if (ringing.remove(call) == null || leg.caller != offered || !line.contains(leg.caller)) {
            call.execute(() -> call.hangUp("The caller is no longer waiting"));
            services.agents().released(leg.agent);
            return;
        }
        stopRinging(leg);
        services.agents().answered(leg.agent);
        QueueCaller caller = leg.caller;
        line.remove(caller);
        log.info(
                "Queue {}: agent {} answers caller {} after {} ms",
                number,
                leg.agent,
                caller.request.callerNumber(),
                waited(caller));
        services.outcome(caller, number, CallQueued.Outcome.ANSWERED, waited(caller), leg.agent);
        leg.answeredAt = Instant.now();
        estimate.waited(leg.answeredAt, waited(caller));
        caller.execute(() -> caller.connect(call, leg));
        renumber();
        offer();
    }

    /** A phone of an agent did not answer (queue stripe). */
    void agentFailed(AgentLeg leg, PlacedCall call, int status) {
        if (ringing.remove(call) == null) return;
        if (ringing.values().stream().noneMatch(l -> l == leg))
            services.agents().released(leg.agent);
        log.info("Queue {}: agent {} did not answer ({})", number, leg.agent, status);
        if (ringing.isEmpty()) offered = null; // the next tick offers the caller again
    }

    /** An answered agent leg ended (queue stripe): the agent's wrap-up starts. */
    void agentCallEnded(AgentLeg leg) {
        CallQueue queue = services.queues().find(number).orElse(null);
        services.agents().callEnded(leg.agent, queue == null ? 0 : queue.wrapUpSeconds());
        if (leg.answeredAt != null) {
            Instant now = Instant.now();
            estimate.handled(now, Duration.between(leg.answeredAt, now).toMillis());
        }
    }

    /** Cancels every ringing leg but {@code winner}'s, and frees their agents. */
    private void stopRinging(AgentLeg winner) {
        ringing.forEach((call, leg) -> {
            call.execute(call::cancel);
            if (leg != winner) services.agents().released(leg.agent);
        });
        ringing.clear();
        offered = null;
    }

    private void renumber() {
        List<QueueStatus.WaitingCaller> views = new ArrayList<>();
        for (int i = 0; i < line.size(); i++) {
            line.get(i).position = i + 1;
            views.add(line.get(i).view());
        }
        snapshot = List.copyOf(views);
    }

    private static long waited(QueueCaller caller) {
        Instant since = caller.joinedAt();
        return since == null ? 0 : Duration.between(since, Instant.now()).toMillis();
    }

    /** The callers in line now (any thread). */
    List<QueueStatus.WaitingCaller> waiting() {
        return snapshot;
    }
}
