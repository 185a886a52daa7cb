package org.tandem.pbx.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.directory.NumberClaims;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.queue.internal.AgentLogins;
import org.tandem.pbx.queue.internal.AgentPauses;
import org.tandem.pbx.queue.internal.QueueMetrics;
import org.tandem.pbx.queue.internal.QueueRepository;
import org.tandem.pbx.queue.internal.QueueRules;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.DestinationCheck;
import org.tandem.pbx.routing.DestinationUse;
import org.tandem.pbx.routing.KnownDestinations;
import org.tandem.pbx.routing.NumberedDestinations;
import org.tandem.pbx.routing.NumberedDirectory;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.FieldError;

/**
 * The call queues: in memory for the call path, written through to the database first. A queue's number is a number
 * of the dial plan: it never collides with an extension, a ring group or another {@link NumberClaims} owner. A queue
 * is in use where a route, a menu, a ring group... sends calls to it; its agents and its fallback are uses of theirs
 * (a user who is an agent is not deleted while the queue names them).
 */
@Service
public class CallQueues implements NumberClaims, DestinationCheck, NumberedDestinations, DestinationUse {

    private final QueueRepository repository;
    private final UserDirectory users;
    /** The other owners of numbers; they include this bean (a cycle), hence looked up when a number is checked. */
    private final ObjectProvider<NumberClaims> claims;

    private final KnownDestinations known;
    private final Map<String, CallQueue> queues = new ConcurrentHashMap<>();
    private final NumberedDirectory<CallQueue, Destination.Queue> numbers;
    private final AgentLogins logins;
    private final AgentPauses pauses;
    /** The queue gauges; they read this directory's queues (a cycle), hence looked up when a queue is added or removed. */
    private final ObjectProvider<QueueMetrics> metrics;

    public CallQueues(
            QueueRepository repository,
            UserDirectory users,
            ObjectProvider<NumberClaims> claims,
            KnownDestinations known,
            AgentLogins logins,
            AgentPauses pauses,
            ObjectProvider<QueueMetrics> metrics) {
        this.metrics = metrics;
        this.logins = logins;
        this.pauses = pauses;
        this.repository = repository;
        this.users = users;
        this.claims = claims;
        this.known = known;
        this.numbers = new NumberedDirectory<>(
                queues,
                CallQueue::name,
                known,
                Destination.Queue.class,
                Destination.Queue::new,
                Destination.Queue::number,
                "Queue",
                "claim.queue",
                "destination.no-queue");
        repository.all().forEach(q -> queues.put(q.number(), q));
    }

    public List<CallQueue> list() {
        return queues.values().stream()
                .sorted(Comparator.comparing(CallQueue::number))
                .toList();
    }

    public Optional<CallQueue> find(String number) {
        return Optional.ofNullable(number == null ? null : queues.get(number));
    }

    /** @throws org.tandem.pbx.validation.InvalidInputException naming each bad field; DuplicateException when the number is taken */
    @Transactional
    public CallQueue create(CallQueueDraft draft) {
        String number = draft.number() == null ? null : draft.number().strip();
        CallQueue q = QueueRules.check(number, draft, null, users::exists, known);
        if (queues.containsKey(number)) throw new DuplicateException("duplicate.queue", number);
        if (users.exists(number)) {
            throw new DuplicateException("duplicate.number-is-extension-queue", number);
        }
        claims.orderedStream()
                .filter(c -> c != this)
                .map(c -> c.claimedBy(number))
                .flatMap(Optional::stream)
                .findFirst()
                .ifPresent(owner -> {
                    throw new DuplicateException("duplicate.number-used", number, owner);
                });
        repository.insert(q);
        queues.put(number, q);
        metrics.ifAvailable(m -> m.track(number));
        return q;
    }

    /** Changes a queue; callers waiting in it stay, the new settings apply from their next step. */
    @Transactional
    public Optional<CallQueue> update(String number, CallQueueDraft draft) {
        CallQueue current = queues.get(number);
        if (current == null) return Optional.empty();
        CallQueue q = QueueRules.check(number, draft, current, users::exists, known);
        if (repository.update(q) == 0) return Optional.empty();
        queues.put(number, q);
        return Optional.of(q);
    }

    /** What sends calls to queue {@code number} (routes, menus, time conditions, ring groups, forwarding). */
    public List<String> usesOf(String number) {
        return numbers.usesOf(number);
    }

    /** @throws org.tandem.pbx.validation.InUseException when a route, a menu or a time condition sends calls here */
    @Transactional
    public boolean delete(String number) {
        if (!numbers.delete(number, repository::delete)) return false;
        logins.forget(number); // the logins and pauses went with the row (foreign key)
        pauses.forget(number);
        metrics.ifAvailable(m -> m.untrack(number));
        return true;
    }

    @Override
    public Optional<FieldError> claimedBy(String number) {
        return numbers.claimedBy(number);
    }

    /** Dialling a queue's number puts the caller in line. */
    @Override
    public Optional<Destination> destinationOf(String number) {
        return numbers.destinationOf(number);
    }

    @Override
    public Optional<FieldError> problem(Destination d) {
        return numbers.problem(d);
    }

    /** Queues whose fallback or leave key's destination is {@code d}, and those whose agent {@code d} (an extension) is. */
    @Override
    public List<String> usesOf(Destination d) {
        List<String> out = new ArrayList<>();
        for (CallQueue q : list()) {
            if (d.equals(q.destination())) continue;
            String queue = "queue " + q.number() + " " + q.name();
            if (d instanceof Destination.Extension e && q.members().contains(e.extension()))
                out.add(queue + " (agent)");
            if (d.equals(q.fallback())) out.add(queue + " (when callers cannot wait)");
            if (d.equals(q.leaveDestination())) out.add(queue + " (the key to leave the line)");
        }
        return out;
    }
}
