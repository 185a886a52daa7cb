package org.tandem.pbx.queue.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.FeatureService;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.ua.MediaCall;
import org.tandem.pbx.ua.MediaCalls;

/**
 * {@code *45<queue>} / {@code *46<queue>}: a local user logs in to a queue as a dynamic agent, or out. The call is
 * answered, the change stored (off the stripe), then "you are logged in to the queue" (or out) and goodbye.
 */
@Component
public class AgentLoginCodes implements FeatureService {

    private static final Logger log = LoggerFactory.getLogger(AgentLoginCodes.class);

    private final CallQueues queues;
    private final AgentLogins logins;
    private final MediaCalls calls;
    private final Prompts prompts;

    /** the agent hears the answer in their own language */
    private final org.tandem.pbx.directory.UserLanguage languages;

    public AgentLoginCodes(CallQueues queues, AgentLogins logins, MediaCalls calls, Prompts prompts,
                           org.tandem.pbx.directory.UserLanguage languages) {
        this.languages = languages;
        this.queues = queues;
        this.logins = logins;
        this.calls = calls;
        this.prompts = prompts;
    }

    @Override
    public boolean serves(Feature feature) {
        return feature == Feature.QUEUE_LOGIN || feature == Feature.QUEUE_LOGOUT;
    }

    @Override
    public RouteStep step(CallRequest call, Feature feature, String argument) {
        String agent = call.callerExtension();
        if (agent == null) return new RouteStep.Refuse(403, "Only a local user can be a queue agent");
        if (argument == null || argument.isEmpty()) {
            return new RouteStep.Refuse(484, "Address Incomplete: dial the code and the queue's number");
        }
        if (queues.find(argument).isEmpty()) return new RouteStep.Refuse(404, "No queue " + argument);
        boolean in = feature == Feature.QUEUE_LOGIN;
        String label = "queue:" + argument + (in ? " login" : " logout");
        return new RouteStep.Serve((invite, server, request) -> calls.answer(invite, server, label,
                started -> change(started, argument, agent, in)), label);
    }

    private void change(MediaCall call, String queue, String agent, boolean in) {
        org.tandem.pbx.prompt.LanguagePrompts prompts = this.prompts.in(languages.of(agent));
        logins.change(queue, agent, in).whenComplete((changed, error) -> call.execute(() -> {
            if (error != null) {
                log.warn("Queue {}: agent {} could not be logged {}: {}", queue, agent, in ? "in" : "out", error.toString());
                call.sayAndHangUp(prompts.all("err-try-later"), "Not stored");
                return;
            }
            log.info("Queue {}: agent {} logged {}", queue, agent, in ? "in" : "out");
            call.sayAndHangUp(prompts.all(in ? "queue-agent-logged-in" : "queue-agent-logged-out", "goodbye"),
                    in ? "Logged in" : "Logged out");
        }));
    }
}
