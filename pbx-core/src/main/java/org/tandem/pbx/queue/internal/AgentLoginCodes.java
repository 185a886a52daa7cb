package org.tandem.pbx.queue.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tandem.pbx.directory.UserLanguage;
import org.tandem.pbx.prompt.LanguagePrompts;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.FeatureService;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.ua.MediaCall;
import org.tandem.pbx.ua.MediaCalls;

/**
 * {@code *45<queue>} / {@code *46<queue>}: a local user logs in to a queue as a dynamic agent, or out.
 * {@code *47[<queue>]} / {@code *48[<queue>]}: an agent pauses (no reason given) or resumes, in that queue or, without
 * one, in every queue they are an agent of. The call is answered, the change stored (off the stripe), then "you are
 * logged in to the queue" (out, paused, available again) and goodbye.
 */
@Component
public class AgentLoginCodes implements FeatureService {

    private static final Logger log = LoggerFactory.getLogger(AgentLoginCodes.class);

    private final CallQueues queues;
    private final AgentLogins logins;
    private final AgentPauses pauses;
    private final MediaCalls calls;
    private final Prompts prompts;

    /** the agent hears the answer in their own language */
    private final UserLanguage languages;

    public AgentLoginCodes(
            CallQueues queues,
            AgentLogins logins,
            AgentPauses pauses,
            MediaCalls calls,
            Prompts prompts,
            UserLanguage languages) {
        this.languages = languages;
        this.queues = queues;
        this.logins = logins;
        this.pauses = pauses;
        this.calls = calls;
        this.prompts = prompts;
    }

    @Override
    public boolean serves(Feature feature) {
        return feature == Feature.QUEUE_LOGIN
                || feature == Feature.QUEUE_LOGOUT
                || feature == Feature.QUEUE_PAUSE
                || feature == Feature.QUEUE_UNPAUSE;
    }

    @Override
    public RouteStep step(CallRequest call, Feature feature, String argument) {
        String agent = call.callerExtension();
        if (agent == null) return new RouteStep.Refuse(403, "Only a local user can be a queue agent");
        if (feature == Feature.QUEUE_PAUSE || feature == Feature.QUEUE_UNPAUSE)
            return pauseStep(agent, feature, argument);
        if (argument == null || argument.isEmpty()) {
            return new RouteStep.Refuse(484, "Address Incomplete: dial the code and the queue's number");
        }
        if (queues.find(argument).isEmpty()) return new RouteStep.Refuse(404, "No queue " + argument);
        boolean in = feature == Feature.QUEUE_LOGIN;
        String label = "queue:" + argument + (in ? " login" : " logout");
        return new RouteStep.Serve(
                (invite, server, request) ->
                        calls.answer(invite, server, label, started -> change(started, argument, agent, in)),
                label);
    }

    private RouteStep pauseStep(String agent, Feature feature, String argument) {
        boolean pause = feature == Feature.QUEUE_PAUSE;
        List<String> where;
        if (argument == null || argument.isEmpty()) {
            where = queues.list().stream()
                    .filter(q -> isAgent(q, agent))
                    .map(CallQueue::number)
                    .toList();
            if (where.isEmpty()) return new RouteStep.Refuse(404, "You are an agent of no queue");
        } else {
            CallQueue q = queues.find(argument).orElse(null);
            if (q == null) return new RouteStep.Refuse(404, "No queue " + argument);
            if (!isAgent(q, agent))
                return new RouteStep.Refuse(403, "You are no agent of queue " + argument + "; log in first");
            where = List.of(argument);
        }
        String label = "queue:" + String.join(",", where) + (pause ? " pause" : " resume");
        return new RouteStep.Serve(
                (invite, server, request) ->
                        calls.answer(invite, server, label, started -> pause(started, where, agent, pause)),
                label);
    }

    private boolean isAgent(CallQueue q, String extension) {
        return q.members().contains(extension) || logins.loggedIn(q.number(), extension);
    }

    private void change(MediaCall call, String queue, String agent, boolean in) {
        // logging out also ends a pause (as the portal and the API do)
        CompletableFuture<?> stored = in
                ? logins.change(queue, agent, true)
                : pauses.change(queue, agent, false, null).thenCompose(x -> logins.change(queue, agent, false));
        tell(
                call,
                agent,
                stored,
                "Queue " + queue + ": agent " + agent + " logged " + (in ? "in" : "out"),
                in ? "queue-agent-logged-in" : "queue-agent-logged-out",
                in ? "Logged in" : "Logged out");
    }

    private void pause(MediaCall call, List<String> where, String agent, boolean pause) {
        CompletableFuture<Void> stored = CompletableFuture.completedFuture(null);
        for (String queue : where) stored = stored.thenCompose(x -> pauses.change(queue, agent, pause, null));
        tell(
                call,
                agent,
                stored,
                "Queues " + where + ": agent " + agent + (pause ? " paused" : " resumed"),
                pause ? "queue-agent-paused" : "queue-agent-unpaused",
                pause ? "Paused" : "Resumed");
    }

    /** Once {@code stored}: {@code prompt} and goodbye, or "try later" when it failed (on the call's stripe). */
    private void tell(
            MediaCall call, String agent, CompletableFuture<?> stored, String what, String prompt, String reason) {
        LanguagePrompts prompts = this.prompts.in(languages.of(agent));
        stored.whenComplete((done, error) -> call.execute(() -> {
            if (error != null) {
                log.warn("{}: not stored: {}", what, error.toString());
                call.sayAndHangUp(prompts.all("err-try-later"), "Not stored");
                return;
            }
            log.info(what);
            call.sayAndHangUp(prompts.all(prompt, "goodbye"), reason);
        }));
    }
}
