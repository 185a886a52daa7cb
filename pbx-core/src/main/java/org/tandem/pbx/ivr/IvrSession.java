package org.tandem.pbx.ivr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tandem.pbx.routing.Destination;

/**
 * One caller in one {@link IvrMenu}: a pure state machine, no I/O, no clock. The media call flow feeds it
 * events (a DTMF digit — RFC 4733 event or SIP INFO —, or the expiry of the timer it asked for) and carries
 * out the actions it returns, in order. A session is replayable: the same events give the same actions.
 * Not thread-safe: it lives on its call's stripe.
 *
 * <p>Rules: digits may be pressed while a prompt plays (barge-in). Without dial-by-extension the first key
 * decides. With it, a key that is an option and starts no extension routes at once; otherwise digits are
 * collected until {@code #}, the inter-digit timeout, or a complete extension no longer one extends; then
 * an extension routes to it, a single option key to its option, anything else is invalid. No input before
 * the digit timeout, or invalid input, costs one attempt: the greeting is played again (after the
 * invalid-input prompt) while attempts remain ({@code 1 + retries}), then the call goes to the fallback.
 */
public final class IvrSession {

    /** What the session knows of the dial plan's extensions (answered from memory). */
    public interface Extensions {
        boolean exists(String number);

        /** True when some extension starts with {@code prefix} and is longer. */
        boolean longerStartsWith(String prefix);
    }

    /** An input: a key the caller pressed or the expiry of the last {@link Action.CollectDigits} timer. */
    public sealed interface Event {
        record Digit(char key) implements Event {}

        record Timeout() implements Event {}
    }

    /** What the call flow does next. */
    public sealed interface Action {
        /** Play a prompt of the prompt set (digits pressed meanwhile still count). */
        record Play(String prompt) implements Action {}

        /** Wait this long for a digit; (re)starts the one timer; its expiry is a {@link Event.Timeout}. */
        record CollectDigits(Duration timeout) implements Action {}

        /** Leave the menu: the dial plan takes the call to this destination. */
        record Route(Destination destination) implements Action {}

        /** Leave the menu by hanging up (no fallback configured). */
        record HangUp() implements Action {}
    }

    private enum State {
        NEW,
        WAITING,
        COLLECTING,
        DONE
    }

    static final int MAX_DIGITS = 32;

    private final IvrMenu menu;
    private final Extensions extensions;
    private final StringBuilder collected = new StringBuilder();
    private State state = State.NEW;
    private int attempts;

    public IvrSession(IvrMenu menu, Extensions extensions) {
        this.menu = menu;
        this.extensions = extensions;
    }

    /** The caller entered the menu: play the greeting and wait for the first digit. */
    public List<Action> start() {
        if (state != State.NEW) throw new IllegalStateException("session already started");
        attempts = 1;
        return greet(new ArrayList<>());
    }

    public List<Action> on(Event event) {
        if (state == State.NEW) throw new IllegalStateException("start() the session first");
        if (state == State.DONE) return List.of(); // a late digit or timer after the route: nothing to do
        if (event instanceof Event.Digit d) return digit(d.key());
        return timeout();
    }

    /** Replays a whole session: the actions of {@link #start()} and of each event, in order. */
    public static List<Action> replay(IvrMenu menu, Extensions extensions, List<Event> events) {
        IvrSession s = new IvrSession(menu, extensions);
        List<Action> all = new ArrayList<>(s.start());
        for (Event e : events) all.addAll(s.on(e));
        return all;
    }

    /** True once the session routed the call or hung up. */
    public boolean finished() {
        return state == State.DONE;
    }

    /** How many times the greeting was offered so far. */
    public int attempts() {
        return attempts;
    }

    private List<Action> digit(char key) {
        if ("0123456789*#".indexOf(key) < 0)
            return List.of(); // not a DTMF key (RFC 4733 §3.2 events 0–15: A–D ignored)
        if (state == State.WAITING) {
            Destination option = menu.option(key);
            if (!menu.dialByExtension() || key == '*' || key == '#') {
                return option != null ? route(option) : invalid();
            }
            String first = String.valueOf(key);
            if (option != null && !extensions.exists(first) && !extensions.longerStartsWith(first))
                return route(option);
            collected.setLength(0);
            collected.append(key);
            state = State.COLLECTING;
            if (extensions.exists(first) && !extensions.longerStartsWith(first) && option == null) return complete();
            return collectMore();
        }
        // COLLECTING: # ends the number
        if (key == '#' || key == '*') return complete();
        collected.append(key);
        String number = collected.toString();
        boolean longer = extensions.longerStartsWith(number);
        if (extensions.exists(number) && !longer) return complete();
        if (!longer && !extensions.exists(number) || collected.length() >= MAX_DIGITS) return complete();
        return collectMore();
    }

    private List<Action> timeout() {
        if (state == State.COLLECTING) return complete();
        // WAITING: nothing pressed
        if (attempts > menu.retries()) return leave(new ArrayList<>());
        attempts++;
        return greet(new ArrayList<>());
    }

    private List<Action> complete() {
        String number = collected.toString();
        collected.setLength(0);
        if (extensions.exists(number)) return route(new Destination.Extension(number));
        if (number.length() == 1 && menu.option(number.charAt(0)) != null) return route(menu.option(number.charAt(0)));
        return invalid();
    }

    private List<Action> invalid() {
        collected.setLength(0);
        List<Action> actions = new ArrayList<>();
        actions.add(new Action.Play(menu.invalidPrompt()));
        if (attempts > menu.retries()) return leave(actions);
        attempts++;
        return greet(actions);
    }

    private List<Action> greet(List<Action> actions) {
        state = State.WAITING;
        actions.add(new Action.Play(menu.greetingPrompt()));
        actions.add(new Action.CollectDigits(Duration.ofSeconds(menu.digitTimeoutSeconds())));
        return actions;
    }

    private List<Action> collectMore() {
        return List.of(new Action.CollectDigits(Duration.ofSeconds(menu.interDigitTimeoutSeconds())));
    }

    private List<Action> leave(List<Action> actions) {
        state = State.DONE;
        actions.add(menu.fallback() == null ? new Action.HangUp() : new Action.Route(menu.fallback()));
        return actions;
    }

    private List<Action> route(Destination destination) {
        state = State.DONE;
        return List.of(new Action.Route(destination));
    }
}
