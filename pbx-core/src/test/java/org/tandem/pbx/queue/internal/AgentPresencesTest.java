package org.tandem.pbx.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tandem.pbx.queue.QueueAgents.Presence;
import org.tandem.pbx.validation.InvalidInputException;

/** The checks of an agent's presence change (API, portal): the state, the reason, static members who cannot log out. */
class AgentPresencesTest {

    @Test
    void statesAreTakenInAnyCaseAndAPauseMayHaveAReason() {
        assertThat(AgentPresences.check("paused", "lunch", false, "101", "700")).isEqualTo(Presence.PAUSED);
        assertThat(AgentPresences.check(" Available ", null, true, "101", "700"))
                .isEqualTo(Presence.AVAILABLE);
        assertThat(AgentPresences.check("LOGGED_OUT", "", false, "101", "700")).isEqualTo(Presence.LOGGED_OUT);
    }

    @Test
    void badStatesLongReasonsAndReasonsWithoutAPauseAreNamed() {
        assertThatThrownBy(() -> AgentPresences.check("AWAY", null, false, "101", "700"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().get("state"))
                                .isEqualTo("must be one of LOGGED_OUT, AVAILABLE, PAUSED"));
        assertThatThrownBy(() -> AgentPresences.check(null, null, false, "101", "700"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> AgentPresences.check("PAUSED", "x".repeat(65), false, "101", "700"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().get("reason")).contains("64"));
        assertThatThrownBy(() -> AgentPresences.check("AVAILABLE", "lunch", false, "101", "700"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().get("reason")).contains("only a pause"));
    }

    @Test
    void aStaticMemberCannotLogOut() {
        assertThatThrownBy(() -> AgentPresences.check("LOGGED_OUT", null, true, "101", "700"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().get("state"))
                                .contains("static agent of queue 700")
                                .contains("pause them"));
    }
}
