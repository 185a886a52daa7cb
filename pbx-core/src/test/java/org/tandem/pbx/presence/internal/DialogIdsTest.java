package org.tandem.pbx.presence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The lamps' dialog ids (RFC 4235 §4.1.2): the same for a dialog's whole life, one per side of a call. */
class DialogIdsTest {

    @Test
    void anIdIsTheNameBasedUuidOfTheCallIdAndSideAsBefore() {
        DialogIds ids = new DialogIds();
        String callId = "3f2a9c@192.0.2.1";
        assertThat(ids.of(callId, "INITIATOR"))
                .isEqualTo(UUID.nameUUIDFromBytes("3f2a9c@192.0.2.1|INITIATOR".getBytes(StandardCharsets.UTF_8))
                        .toString())
                .as("the value the lamps always showed for this dialog")
                .isEqualTo("aa97db80-c790-38a2-b2b7-5f33f61821d7")
                .isEqualTo(DialogIds.computed(callId, "INITIATOR"));
        assertThat(ids.of(callId, "RECIPIENT"))
                .isNotEqualTo(ids.of(callId, "INITIATOR"))
                .isEqualTo(DialogIds.computed(callId, "RECIPIENT"));
        assertThat(ids.of(callId, "group")).isEqualTo(DialogIds.computed(callId, "group"));
    }

    @Test
    void aDialogKeepsItsIdInEveryChangeEvenAfterItsSlotWasTakenOver() {
        DialogIds ids = new DialogIds();
        String first = ids.of("call-0@192.0.2.1", "RECIPIENT");
        assertThat(ids.of("call-0@192.0.2.1", "RECIPIENT"))
                .as("the next change of the dialog reuses the id")
                .isSameAs(first);
        for (int i = 1; i <= 3 * DialogIds.SLOTS; i++) {
            String callId = "call-" + i + "@192.0.2.1";
            assertThat(ids.of(callId, "RECIPIENT")).isEqualTo(DialogIds.computed(callId, "RECIPIENT"));
        }
        assertThat(ids.of("call-0@192.0.2.1", "RECIPIENT"))
                .as("computed again once newer calls took the slots: the same value")
                .isEqualTo(first);
    }

    @Test
    void callsWhoseSlotsCollideEachGetTheirOwnId() {
        DialogIds ids = new DialogIds();
        // "Aa" and "BB" hash alike: the same slot, taken in turn
        for (int round = 0; round < 3; round++) {
            assertThat(ids.of("Aa", "INITIATOR")).isEqualTo(DialogIds.computed("Aa", "INITIATOR"));
            assertThat(ids.of("BB", "INITIATOR")).isEqualTo(DialogIds.computed("BB", "INITIATOR"));
        }
        assertThat(DialogIds.computed("Aa", "INITIATOR")).isNotEqualTo(DialogIds.computed("BB", "INITIATOR"));
    }
}
