package org.tandem.pbx.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.ivr.IvrSession.Action;
import org.tandem.pbx.ivr.IvrSession.Event;
import org.tandem.pbx.routing.Destination;

/** Every path through an IVR menu, replayed from digit and timeout events. */
class IvrSessionTest {

    static final Destination SALES = new Destination.RingGroup("600");
    static final Destination SUPPORT = new Destination.Extension("201");
    static final Destination OPERATOR = new Destination.Extension("200");
    static final Destination VOICEMAIL = new Destination.Voicemail("200");

    /** Extensions 200, 201, 2001 and 30 (so "2", "20" and "200" are prefixes of longer ones). */
    static final IvrSession.Extensions EXTENSIONS = new IvrSession.Extensions() {
        final Set<String> all = Set.of("200", "201", "2001", "30");

        @Override
        public boolean exists(String number) {
            return all.contains(number);
        }

        @Override
        public boolean longerStartsWith(String prefix) {
            return all.stream().anyMatch(e -> e.length() > prefix.length() && e.startsWith(prefix));
        }
    };

    static IvrMenu menu(boolean byExtension, int retries, Destination fallback) {
        return new IvrMenu(
                "main",
                "ivr-welcome",
                Map.of("1", SALES, "2", SUPPORT, "0", OPERATOR, "#", VOICEMAIL),
                byExtension,
                5,
                3,
                "ivr-invalid",
                retries,
                fallback);
    }

    static List<Action> replay(IvrMenu m, Event... events) {
        return IvrSession.replay(m, EXTENSIONS, List.of(events));
    }

    static Event digit(char c) {
        return new Event.Digit(c);
    }

    static Event timeout() {
        return new Event.Timeout();
    }

    static final Action GREET = new Action.Play("ivr-welcome");
    static final Action WAIT = new Action.CollectDigits(Duration.ofSeconds(5));
    static final Action WAIT_NEXT = new Action.CollectDigits(Duration.ofSeconds(3));
    static final Action INVALID = new Action.Play("ivr-invalid");

    static Action route(Destination d) {
        return new Action.Route(d);
    }

    @Test
    void startPlaysTheGreetingAndWaitsForTheFirstDigit() {
        assertThat(replay(menu(false, 2, OPERATOR))).containsExactly(GREET, WAIT);
    }

    @Test
    void aKeyRoutesToItsDestination() {
        assertThat(replay(menu(false, 2, OPERATOR), digit('1'))).containsExactly(GREET, WAIT, route(SALES));
        assertThat(replay(menu(false, 2, OPERATOR), digit('#'))).containsExactly(GREET, WAIT, route(VOICEMAIL));
    }

    @Test
    void anUnknownKeyPlaysTheInvalidPromptAndTheGreetingAgain() {
        assertThat(replay(menu(false, 2, OPERATOR), digit('7'), digit('2')))
                .containsExactly(GREET, WAIT, INVALID, GREET, WAIT, route(SUPPORT));
    }

    @Test
    void invalidInputTooOftenGoesToTheFallback() {
        assertThat(replay(menu(false, 1, OPERATOR), digit('7'), digit('8')))
                .containsExactly(GREET, WAIT, INVALID, GREET, WAIT, INVALID, route(OPERATOR));
    }

    @Test
    void noInputRepeatsTheGreetingThenGoesToTheFallback() {
        assertThat(replay(menu(false, 2, SALES), timeout(), timeout(), timeout()))
                .containsExactly(GREET, WAIT, GREET, WAIT, GREET, WAIT, route(SALES));
    }

    @Test
    void withoutAFallbackTheSessionHangsUp() {
        assertThat(replay(menu(false, 0, null), timeout())).containsExactly(GREET, WAIT, new Action.HangUp());
        assertThat(replay(menu(false, 0, null), digit('9'))).containsExactly(GREET, WAIT, INVALID, new Action.HangUp());
    }

    @Test
    void timeoutsAndInvalidInputShareTheAttempts() {
        assertThat(replay(menu(false, 1, OPERATOR), timeout(), digit('5')))
                .containsExactly(GREET, WAIT, GREET, WAIT, INVALID, route(OPERATOR));
    }

    @Test
    void eventsAfterTheRouteAreIgnored() {
        IvrSession s = new IvrSession(menu(false, 2, OPERATOR), EXTENSIONS);
        s.start();
        assertThat(s.on(digit('1'))).containsExactly(route(SALES));
        assertThat(s.finished()).isTrue();
        assertThat(s.on(digit('2'))).isEmpty();
        assertThat(s.on(timeout())).isEmpty();
    }

    @Test
    void nonDtmfKeysAreIgnored() {
        assertThat(replay(menu(false, 2, OPERATOR), digit('A'), digit('1'))).containsExactly(GREET, WAIT, route(SALES));
    }

    @Test
    void aSessionMustBeStartedOnce() {
        IvrSession s = new IvrSession(menu(false, 2, OPERATOR), EXTENSIONS);
        assertThatThrownBy(() -> s.on(digit('1'))).isInstanceOf(IllegalStateException.class);
        s.start();
        assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void dialByExtensionRoutesAnExtensionNobodyExtends() {
        // 3, 0 → "30" is an extension and no longer one starts with it: routed at once
        assertThat(replay(menu(true, 2, OPERATOR), digit('3'), digit('0')))
                .containsExactly(GREET, WAIT, WAIT_NEXT, route(new Destination.Extension("30")));
    }

    @Test
    void dialByExtensionWaitsTheInterDigitTimeoutWhenALongerExtensionCouldFollow() {
        // "200" is an extension, but so is "2001"
        assertThat(replay(menu(true, 2, OPERATOR), digit('2'), digit('0'), digit('0'), timeout()))
                .containsExactly(GREET, WAIT, WAIT_NEXT, WAIT_NEXT, WAIT_NEXT, route(new Destination.Extension("200")));
        assertThat(replay(menu(true, 2, OPERATOR), digit('2'), digit('0'), digit('0'), digit('1')))
                .containsExactly(
                        GREET, WAIT, WAIT_NEXT, WAIT_NEXT, WAIT_NEXT, route(new Destination.Extension("2001")));
    }

    @Test
    void hashEndsTheExtension() {
        assertThat(replay(menu(true, 2, OPERATOR), digit('2'), digit('0'), digit('0'), digit('#')))
                .containsExactly(GREET, WAIT, WAIT_NEXT, WAIT_NEXT, WAIT_NEXT, route(new Destination.Extension("200")));
    }

    @Test
    void withDialByExtensionAKeyThatStartsNoExtensionRoutesAtOnce() {
        assertThat(replay(menu(true, 2, OPERATOR), digit('1'))).containsExactly(GREET, WAIT, route(SALES));
    }

    @Test
    void withDialByExtensionAKeyThatStartsAnExtensionIsItsOptionAfterTheInterDigitTimeout() {
        // "2" is option 2 (extension 201) and the start of 200, 201, 2001
        assertThat(replay(menu(true, 2, OPERATOR), digit('2'), timeout()))
                .containsExactly(GREET, WAIT, WAIT_NEXT, route(SUPPORT));
    }

    @Test
    void anUnknownNumberIsInvalidInput() {
        // 2, 9: no extension starts with 29
        assertThat(replay(menu(true, 2, OPERATOR), digit('2'), digit('9'), digit('1')))
                .containsExactly(GREET, WAIT, WAIT_NEXT, INVALID, GREET, WAIT, route(SALES));
        // 2, 0, then silence: "20" is no extension and no option
        assertThat(replay(menu(true, 0, null), digit('2'), digit('0'), timeout()))
                .containsExactly(GREET, WAIT, WAIT_NEXT, WAIT_NEXT, INVALID, new Action.HangUp());
    }

    @Test
    void withoutDialByExtensionDigitsOfAnExtensionAreJustKeys() {
        assertThat(replay(menu(false, 2, OPERATOR), digit('3'), digit('0')))
                .containsExactly(GREET, WAIT, INVALID, GREET, WAIT, route(OPERATOR));
    }

    @Test
    void replayIsDeterministic() {
        IvrMenu m = menu(true, 3, OPERATOR);
        Event[] events = {digit('9'), timeout(), digit('2'), digit('0'), digit('1'), digit('5')};
        List<Action> first = replay(m, events);
        List<Action> again = new ArrayList<>(replay(m, events));
        assertThat(again).isEqualTo(first);
        assertThat(first).last().isEqualTo(route(new Destination.Extension("201")));
    }
}
