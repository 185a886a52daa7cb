package org.tandem.pbx.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which server transactions {@link SipResponder#keepOnlyTheAnswer} lets go of their request once answered. */
class SipResponderTest {

    @Test
    void onlyADialoglessTransactionWithAnRfc3261BranchLetsItsRequestGo() {
        assertThat(SipResponder.mayLetTheRequestGo("BYE", "z9hG4bK-1-2", false)).isTrue();
        assertThat(SipResponder.mayLetTheRequestGo("INVITE", "z9hG4bK-1", false))
                .isTrue();
        assertThat(SipResponder.mayLetTheRequestGo("MESSAGE", "Z9HG4BKabc", false))
                .isTrue();
        // a retransmission of an RFC 2543 request is matched against the request itself (§17.2.3)
        assertThat(SipResponder.mayLetTheRequestGo("BYE", "1234abcd", false)).isFalse();
        assertThat(SipResponder.mayLetTheRequestGo("INVITE", "1234abcd", false)).isFalse();
        assertThat(SipResponder.mayLetTheRequestGo("BYE", "z9hG4bK", false)).isFalse();
        assertThat(SipResponder.mayLetTheRequestGo("BYE", null, false)).isFalse();
        // a CANCEL keeps its request (jain-sip reads it), so does a dialog's transaction
        assertThat(SipResponder.mayLetTheRequestGo("CANCEL", "z9hG4bK-1", false))
                .isFalse();
        assertThat(SipResponder.mayLetTheRequestGo("BYE", "z9hG4bK-1", true)).isFalse();
        assertThat(SipResponder.mayLetTheRequestGo(null, "z9hG4bK-1", false)).isFalse();
    }
}
