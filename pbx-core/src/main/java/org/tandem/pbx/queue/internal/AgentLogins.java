package org.tandem.pbx.queue.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.directory.UserChanged;
import org.tandem.pbx.queue.CallQueue;

/**
 * Dynamic agents: who logged in to which queue by feature code (table call_queue_login, V53). In memory for the call
 * path, written through to the database on a one-thread {@code queue-io} pool (never on a SIP stripe); a queue's
 * agents are its static members, then those logged in, in login order.
 */
@Component
public class AgentLogins implements AutoCloseable {

    private final JdbcClient jdbc;
    private final Map<String, Set<String>> logins = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor io;

    public AgentLogins(JdbcClient jdbc, Workers workers) {
        this.jdbc = jdbc;
        this.io = workers.single("queue-io", 64);
        jdbc.sql("SELECT queue_number, extension FROM call_queue_login ORDER BY logged_in_at")
                .query(rs -> {
                    logins.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>())
                            .add(rs.getString(2));
                });
    }

    /** The queue's agents: static members, then the dynamic ones not among them. */
    List<String> agentsOf(CallQueue queue) {
        Set<String> dynamic = logins.get(queue.number());
        if (dynamic == null) return queue.members();
        List<String> all = new ArrayList<>(queue.members());
        synchronized (dynamic) {
            for (String ext : dynamic) {
                if (!all.contains(ext)) all.add(ext);
            }
        }
        return all;
    }

    /** Logs {@code extension} in ({@code in}) or out of queue {@code number}; completes off the stripe when stored. */
    CompletableFuture<Boolean> change(String number, String extension, boolean in) {
        return CompletableFuture.supplyAsync(
                () -> {
                    jdbc.sql("DELETE FROM call_queue_login WHERE queue_number = ? AND extension = ?")
                            .params(number, extension)
                            .update();
                    if (in) {
                        jdbc.sql(
                                        "INSERT INTO call_queue_login (queue_number, extension, logged_in_at) VALUES (?, ?, ?)")
                                .params(number, extension, Timestamp.from(Instant.now()))
                                .update();
                    }
                    Set<String> set = logins.computeIfAbsent(number, k -> new LinkedHashSet<>());
                    synchronized (set) {
                        return in ? set.add(extension) : set.remove(extension);
                    }
                },
                io);
    }

    /** A deleted user's logins went with them (foreign key): forgotten here too. */
    @EventListener
    void on(UserChanged changed) {
        if (!changed.deleted()) return;
        logins.values().forEach(set -> {
            synchronized (set) {
                set.remove(changed.extension());
            }
        });
    }

    /** Whether {@code extension} logged in to queue {@code number} (a static member need not). */
    boolean loggedIn(String number, String extension) {
        Set<String> set = logins.get(number);
        if (set == null) return false;
        synchronized (set) {
            return set.contains(extension);
        }
    }

    /** The one-thread pool the queue's agent writes run on, in order (logins and pauses). */
    ThreadPoolExecutor io() {
        return io;
    }

    /** A deleted queue's logins went with it (foreign key). */
    public void forget(String number) {
        logins.remove(number);
    }

    @Override
    public void close() {
        io.shutdownNow();
    }
}
