package org.tandem.pbx.queue.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tandem.pbx.directory.UserChanged;

/**
 * Paused agents: who paused in which queue, why and since when (table call_queue_pause, V60). In memory for the call
 * path (a paused agent is not rung), written through to the database first on the agents' one-thread pool (the
 * logins' {@code queue-io}, so a login, a pause and a logout are stored in the order they were asked).
 */
@Component
public class AgentPauses {

    /** @param reason null when none was given */
    public record Pause(String reason, Instant since) {}

    private final JdbcClient jdbc;
    private final AgentLogins logins;
    private final Map<String, Map<String, Pause>> pauses = new ConcurrentHashMap<>();

    public AgentPauses(JdbcClient jdbc, AgentLogins logins) {
        this.jdbc = jdbc;
        this.logins = logins;
        jdbc.sql("SELECT queue_number, extension, reason, paused_at FROM call_queue_pause")
                .query(rs -> {
                    pauses.computeIfAbsent(rs.getString(1), k -> new ConcurrentHashMap<>())
                            .put(
                                    rs.getString(2),
                                    new Pause(
                                            rs.getString(3), rs.getTimestamp(4).toInstant()));
                });
    }

    /** {@code extension}'s pause in queue {@code number}, if paused. */
    Optional<Pause> of(String number, String extension) {
        Map<String, Pause> q = pauses.get(number);
        return Optional.ofNullable(q == null ? null : q.get(extension));
    }

    boolean paused(String number, String extension) {
        return of(number, extension).isPresent();
    }

    /**
     * Pauses {@code extension} in queue {@code number} with {@code reason} (null: none), or (reason ignored) resumes;
     * completes off the stripe once stored. Pausing again keeps the first pause's time and takes the new reason.
     */
    CompletableFuture<Void> change(String number, String extension, boolean pause, String reason) {
        return CompletableFuture.runAsync(
                () -> {
                    Pause was = of(number, extension).orElse(null);
                    jdbc.sql("DELETE FROM call_queue_pause WHERE queue_number = ? AND extension = ?")
                            .params(number, extension)
                            .update();
                    Map<String, Pause> q = pauses.computeIfAbsent(number, k -> new ConcurrentHashMap<>());
                    if (!pause) {
                        q.remove(extension);
                        return;
                    }
                    // milliseconds, as the column keeps them: the time read back after a restart is the time shown now
                    Pause now =
                            new Pause(reason, was == null ? Instant.now().truncatedTo(ChronoUnit.MILLIS) : was.since());
                    jdbc.sql(
                                    "INSERT INTO call_queue_pause (queue_number, extension, reason, paused_at) VALUES (?, ?, ?, ?)")
                            .params(number, extension, reason, Timestamp.from(now.since()))
                            .update();
                    q.put(extension, now);
                },
                logins.io());
    }

    /** A deleted user's pauses went with them (foreign key). */
    @EventListener
    void on(UserChanged changed) {
        if (changed.deleted()) pauses.values().forEach(q -> q.remove(changed.extension()));
    }

    /** A deleted queue's pauses went with it (foreign key). */
    public void forget(String number) {
        pauses.remove(number);
    }
}
