package org.tandem.pbx.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.ListIterator;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.security.Digests;
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

    static Request request(String text) throws Exception {
        return BestResponseTest.MESSAGES.createRequest(text.replace("\n", "\r\n"));
    }

    /** The hash as it was computed before issue 23's change: a String of the fields, its UTF-8 bytes, MD5. */
    static String hashAsBefore(Request request) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(request.getRequestURI()).append('|');
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        sb.append(from == null ? "" : from.getTag()).append('|');
        sb.append(to == null ? "" : to.getTag()).append('|');
        sb.append(callId == null ? "" : callId.getCallId()).append('|');
        sb.append(cseq == null ? "" : cseq.getSeqNumber()).append('|');
        for (String name : new String[] {"Proxy-Require", "Proxy-Authorization", "Route"}) {
            ListIterator<?> it = request.getHeaders(name);
            while (it != null && it.hasNext())
                sb.append(((Header) it.next()).toString().trim()).append(',');
            sb.append('|');
        }
        return HexFormat.of().formatHex(Digests.md5(sb.toString().getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    @Test
    void theHashIsTheSameFunctionOfTheRequestAsBefore() throws Exception {
        Request authorised = request("INVITE sip:101@tandem.test;user=phone SIP/2.0\n"
                + "Via: SIP/2.0/UDP 10.0.0.2:5090;branch=z9hG4bK-b\nMax-Forwards: 70\n"
                + "Route: <sip:127.0.0.1:5070;lr>\nRoute: \"Zo\u00eb's proxy\" <sip:10.0.0.9;lr>\n"
                + "Proxy-Require: foo\nFrom: <sip:303@tandem.test>;tag=c1\nTo: <sip:101@tandem.test>;tag=t9\n"
                + "Call-ID: hash-1\nCSeq: 7 INVITE\n"
                + "Proxy-Authorization: Digest username=\"303\", realm=\"tandem.test\", nonce=\"n\", "
                + "uri=\"sip:101@tandem.test\", response=\"0123456789abcdef0123456789abcdef\"\n"
                + "Content-Length: 0\n\n");
        Request tel = request("MESSAGE tel:+4930123456 SIP/2.0\nVia: SIP/2.0/TCP 10.0.0.2;branch=z9hG4bK-c\n"
                + "Max-Forwards: 70\nFrom: <sip:303@tandem.test>;tag=c2\nTo: <tel:+4930123456>\n"
                + "Call-ID: hash-2\nCSeq: 1 MESSAGE\nContent-Length: 0\n\n");
        for (Request r : new Request[] {BestResponseTest.invite(), authorised, tel}) {
            assertThat(BranchIds.loopHash(r)).as(r.getRequestURI().toString()).isEqualTo(hashAsBefore(r));
        }
        assertThat(BranchIds.loopHash(authorised)).isNotEqualTo(BranchIds.loopHash(tel));
    }

    @Test
    void hashingARequestCostsNoCopyOfItsFields() throws Exception {
        Request request = BestResponseTest.invite();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String[] kept = new String[16];
        long least = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20_000; i++) kept[i & 15] = BranchIds.loopHash(request);
            least = Math.min(least, (threads.getCurrentThreadAllocatedBytes() - before) / 20_000);
        }
        // the URI's and headers' own encoders may allocate a little; the copies of each field (~1 KB) are gone
        assertThat(least).as("bytes per hash").isLessThan(600);
    }
}
