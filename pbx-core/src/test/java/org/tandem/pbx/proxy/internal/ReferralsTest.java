package org.tandem.pbx.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tandem.pbx.routing.TrustedOrigin;

/** Issue 22: the referred call of a transferee carries its referrer, and only the transferee's. */
class ReferralsTest {

    @Test
    void theTransfereesCallToTheTargetCarriesTheReferrer() {
        Referrals referrals = new Referrals();
        referrals.referred("0090012345", "call-1", "201", "202");
        referrals.referred("0301234567", "call-2", null, "203");

        assertThat(referrals.referrerOf("202", "0090012345")).contains("201");
        assertThat(referrals.referrerOf("204", "0090012345"))
                .as("not the one referred")
                .isEmpty();
        assertThat(referrals.referrerOf(null, "0090012345")).isEmpty();
        assertThat(referrals.referrerOf("203", "0301234567")).contains(TrustedOrigin.NOBODY);
        // the call records' link is still there after the look-up
        assertThat(referrals.continues("0090012345")).isEqualTo("call-1");
    }

    @Test
    void aTransferTandemAskedForReportsToTandemAndARefusedOneIsForgotten() {
        Referrals referrals = new Referrals();
        int[] reported = {0};
        referrals.referred("*70691", "call-3", "646", "645");
        referrals.acceptedByTransferee("call-3", "tag-645", status -> reported[0] = status);

        assertThat(referrals.progressOf("call-3", "tag-646"))
                .as("the other party's NOTIFY is not ours")
                .isNull();
        assertThat(referrals.progressOf("call-4", "tag-645")).isNull();
        referrals.progressOf("call-3", "tag-645").accept(200);
        assertThat(reported[0]).isEqualTo(200);
        assertThat(referrals.referrerOf("645", "*70691")).contains("646");

        referrals.referred("*70692", "call-5", "646", "647");
        referrals.withdrawn("*70692", "call-6");
        assertThat(referrals.referrerOf("647", "*70692"))
                .as("another call's refusal")
                .contains("646");
        referrals.withdrawn("*70692", "call-5");
        assertThat(referrals.referrerOf("647", "*70692")).isEmpty();
    }
}
