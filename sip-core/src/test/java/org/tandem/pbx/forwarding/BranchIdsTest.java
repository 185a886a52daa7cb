package org.tandem.pbx.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.SipProperties;

class BranchIdsTest {

    final LocalAddresses local = new LocalAddresses(
            "tandem.test", new SipProperties("127.0.0.1", "", 5070, 0, null, null, 0, 0, 0, null, null), "127.0.0.1");
    final BranchIds branches = new BranchIds(local);

    @Test
    void aRequestThatComesBackUnchangedHasLooped() throws Exception {
        Request request = BestResponseTest.invite();
        String hash = BranchIds.loopHash(request);
        request.addFirst(via("127.0.0.1", branches.newBranch(hash)));

        assertThat(branches.hasLooped(request, BranchIds.loopHash(request))).isTrue();
    }

    @Test
    void aRetargetedRequestIsASpiralNotALoop() throws Exception {
        Request request = BestResponseTest.invite();
        request.addFirst(via("127.0.0.1", branches.newBranch(BranchIds.loopHash(request))));
        request.setRequestURI(BestResponseTest.MESSAGES
                .createRequest(
                        "OPTIONS sip:101@10.0.0.9:5062 SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
                                + "To: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
                .getRequestURI());

        assertThat(branches.hasLooped(request, BranchIds.loopHash(request))).isFalse();
    }

    @Test
    void anotherProxysViaIsNotOurs() throws Exception {
        Request request = BestResponseTest.invite();
        String hash = BranchIds.loopHash(request);
        request.addFirst(via("10.9.9.9", BranchIds.PREFIX + hash + ".1"));

        assertThat(branches.hasLooped(request, BranchIds.loopHash(request))).isFalse();
    }

    @Test
    void theLoopCheckWithoutAHashGivesTheSameAnswers() throws Exception {
        // issue 23: an ACK relayed statelessly needs the hash only when one of our Vias is there
        Request looped = BestResponseTest.invite();
        looped.addFirst(via("127.0.0.1", branches.newBranch(BranchIds.loopHash(looped))));
        Request otherProxy = BestResponseTest.invite();
        otherProxy.addFirst(via("10.9.9.9", BranchIds.PREFIX + BranchIds.loopHash(otherProxy) + ".1"));
        Request spiral = BestResponseTest.invite();
        spiral.addFirst(via("127.0.0.1", branches.newBranch("0123456789abcdef")));

        assertThat(branches.hasLooped(looped)).isTrue();
        assertThat(branches.hasLooped(otherProxy)).isFalse();
        assertThat(branches.hasLooped(spiral)).isFalse();
        assertThat(branches.hasLooped(BestResponseTest.invite())).isFalse();
    }

    @Test
    void branchesAreUniqueAndStatelessOnesAreStable() throws Exception {
        Request request = BestResponseTest.invite();
        String hash = BranchIds.loopHash(request);
        assertThat(branches.newBranch(hash))
                .isNotEqualTo(branches.newBranch(hash))
                .startsWith("z9hG4bK");
        assertThat(BranchIds.statelessBranch(request)).isEqualTo(BranchIds.statelessBranch(BestResponseTest.invite()));
    }

    private static ViaHeader via(String host, String branch) throws Exception {
        return javax.sip.SipFactory.getInstance().createHeaderFactory().createViaHeader(host, 5070, "udp", branch);
    }
}
