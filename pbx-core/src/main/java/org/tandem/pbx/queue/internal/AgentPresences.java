package org.tandem.pbx.queue.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.queue.QueueAgents;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/** {@link QueueAgents} over the logins ({@link AgentLogins}) and pauses ({@link AgentPauses}). */
@Component
public class AgentPresences implements QueueAgents {

    static final int MAX_REASON = 64;

    private final CallQueues queues;
    private final AgentLogins logins;
    private final AgentPauses pauses;
    private final UserDirectory users;

    public AgentPresences(CallQueues queues, AgentLogins logins, AgentPauses pauses, UserDirectory users) {
        this.queues = queues;
        this.logins = logins;
        this.pauses = pauses;
        this.users = users;
    }

    @Override
    public List<AgentPresence> presenceOf(String extension) {
        return queues.list().stream().map(q -> presence(q, extension)).toList();
    }

    @Override
    public Optional<AgentPresence> presence(String queue, String extension) {
        if (!users.exists(extension)) return Optional.empty();
        return queues.find(queue).map(q -> presence(q, extension));
    }

    private AgentPresence presence(CallQueue q, String extension) {
        boolean member = q.members().contains(extension);
        var pause = pauses.of(q.number(), extension).orElse(null);
        Presence p = !member && !logins.loggedIn(q.number(), extension)
                ? Presence.LOGGED_OUT
                : pause != null ? Presence.PAUSED : Presence.AVAILABLE;
        return new AgentPresence(
                q.number(),
                extension,
                member,
                p,
                p == Presence.PAUSED ? pause.reason() : null,
                p == Presence.PAUSED ? pause.since() : null);
    }

    @Override
    public Optional<AgentPresence> set(String queue, String extension, String presence, String reason) {
        CallQueue q = queues.find(queue).orElse(null);
        if (q == null || !users.exists(extension)) return Optional.empty();
        Presence wanted = check(presence, reason, q.members().contains(extension), extension, queue);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        CompletableFuture<?> done = switch (wanted) {
            case AVAILABLE -> logIn(q, extension).thenCompose(x -> pauses.change(queue, extension, false, null));
            case PAUSED -> logIn(q, extension).thenCompose(x -> pauses.change(queue, extension, true, why));
            case LOGGED_OUT ->
                pauses.change(queue, extension, false, null).thenCompose(x -> logins.change(queue, extension, false));
        };
        try {
            done.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return Optional.of(presence(q, extension));
    }

    private CompletableFuture<?> logIn(CallQueue q, String extension) {
        return q.members().contains(extension)
                ? CompletableFuture.completedFuture(null)
                : logins.change(q.number(), extension, true);
    }

    /**
     * The presence asked for, checked (pure).
     *
     * @throws InvalidInputException naming {@code state} or {@code reason}
     */
    static Presence check(String presence, String reason, boolean member, String extension, String queue) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        Presence wanted = null;
        try {
            wanted = Presence.valueOf(presence == null ? "" : presence.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("state", FieldError.of("common.one-of", "LOGGED_OUT, AVAILABLE, PAUSED"));
        }
        if (wanted == Presence.LOGGED_OUT && member) {
            errors.put("state", FieldError.of("queue.static-agent-log-out", extension, queue));
        }
        if (reason != null && reason.strip().length() > MAX_REASON) {
            errors.put("reason", FieldError.of("common.at-most-characters", MAX_REASON));
        }
        if (reason != null && !reason.isBlank() && wanted != null && wanted != Presence.PAUSED) {
            errors.put("reason", FieldError.of("queue.reason-without-pause"));
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return wanted;
    }
}
