package org.tandem.pbx.queue.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.tandem.pbx.queue.AgentState;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.routing.BusyLines;
import org.tandem.pbx.routing.CallSettings;
import org.tandem.pbx.routing.RoutingDirectory;

/**
 * The agents of every queue, one state each (an agent in two queues rings for one call at a time and wraps up once):
 * ringing and in-queue-call marks, wrap-up, when their last queue call ended and how many they answered today. Queues
 * on different stripes reserve agents here atomically. Busy (the proxy's dialog state), DND and registration are read
 * from their owners at each decision.
 */
@Component
public class AgentBoard {

    private static final class Agent {
        boolean ringing;
        boolean inCall;
        Instant wrapUpUntil = Instant.EPOCH;
        Instant lastEnded;
        LocalDate day;
        int answered;
    }

    private final Map<String, Agent> agents = new HashMap<>();
    private final LocationService location;
    private final RoutingDirectory routing;
    private final BusyLines busy;
    private final Clock clock = Clock.systemDefaultZone();

    public AgentBoard(LocationService location, RoutingDirectory routing, BusyLines busy) {
        this.location = location;
        this.routing = routing;
        this.busy = busy;
    }

    /** The phones a queue call rings for {@code extension}: its registrations over UDP, TCP or TLS. */
    List<Binding> phones(String extension) {
        return location.targets(extension).stream()
                .filter(b -> !b.transport().toLowerCase(Locale.ROOT).startsWith("ws"))
                .toList();
    }

    /** Whether {@code extension} could take queue calls at all: a phone registered and DND off. */
    boolean present(String extension) {
        return !phones(extension).isEmpty() && !dnd(extension);
    }

    private boolean dnd(String extension) {
        return routing.callSettings(extension).map(CallSettings::dnd).orElse(true);
    }

    public synchronized AgentState state(String extension) {
        Agent a = agents.get(extension);
        if (a != null && a.ringing) return AgentState.RINGING;
        if (a != null && a.inCall) return AgentState.IN_QUEUE_CALL;
        if (phones(extension).isEmpty()) return AgentState.UNAVAILABLE;
        if (dnd(extension)) return AgentState.DND;
        if (busy.inCall(extension)) return AgentState.BUSY;
        if (a != null && clock.instant().isBefore(a.wrapUpUntil)) return AgentState.WRAP_UP;
        return AgentState.IDLE;
    }

    /** Marks {@code extension} ringing for a queue call when it is idle; false when it is not (nothing changes). */
    synchronized boolean reserve(String extension) {
        if (state(extension) != AgentState.IDLE) return false;
        agents.computeIfAbsent(extension, k -> new Agent()).ringing = true;
        return true;
    }

    /** The queue call stopped ringing {@code extension} without its answer. */
    synchronized void released(String extension) {
        Agent a = agents.get(extension);
        if (a != null) a.ringing = false;
    }

    /** {@code extension} answered a queue call. */
    synchronized void answered(String extension) {
        Agent a = agents.computeIfAbsent(extension, k -> new Agent());
        a.ringing = false;
        a.inCall = true;
        LocalDate today = LocalDate.now(clock);
        if (!today.equals(a.day)) {
            a.day = today;
            a.answered = 0;
        }
        a.answered++;
    }

    /** {@code extension}'s queue call ended: no queue call for {@code wrapUpSeconds}. */
    synchronized void callEnded(String extension, int wrapUpSeconds) {
        Agent a = agents.computeIfAbsent(extension, k -> new Agent());
        a.inCall = false;
        a.lastEnded = clock.instant();
        a.wrapUpUntil = a.lastEnded.plusSeconds(wrapUpSeconds);
    }

    synchronized Map<String, Instant> lastEnded() {
        Map<String, Instant> out = new HashMap<>();
        agents.forEach((ext, a) -> {
            if (a.lastEnded != null) out.put(ext, a.lastEnded);
        });
        return out;
    }

    /** Queue calls each agent answered today (this process's memory since its start). */
    synchronized Map<String, Integer> answeredToday() {
        Map<String, Integer> out = new HashMap<>();
        LocalDate today = LocalDate.now(clock);
        agents.forEach((ext, a) -> {
            if (today.equals(a.day)) out.put(ext, a.answered);
        });
        return out;
    }

    ZoneId zone() {
        return clock.getZone();
    }
}
