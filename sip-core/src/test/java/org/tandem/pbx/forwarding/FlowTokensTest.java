package org.tandem.pbx.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.stack.HopImpl;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sip.RequestEvent;
import javax.sip.address.SipURI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.sip.InboundRequest;

class FlowTokensTest {

    @TempDir
    Path data;

    final InboundRequest fromPhone =
            new InboundRequest(new RequestEvent(this, null, null, null), null, "198.51.100.7", 40123, "tcp");

    @Test
    void aTokenLeadsBackToTheFlowOfItsCall() {
        FlowTokens tokens = FlowTokens.withKeyFile(data.resolve("route.key"));
        var hop = tokens.decode(tokens.encode(fromPhone, "call-1"), "call-1");

        assertThat(hop.getHost()).isEqualTo("198.51.100.7");
        assertThat(hop.getPort()).isEqualTo(40123);
        assertThat(hop.getTransport()).isEqualTo("TCP");
    }

    @Test
    void aTokenIsWorthNothingForAnotherCallOrWhenForged() {
        FlowTokens tokens = FlowTokens.withKeyFile(data.resolve("route.key"));
        String token = tokens.encode(fromPhone, "call-1");

        assertThat(tokens.decode(token, "call-2")).isNull();
        assertThat(tokens.decode(token.substring(0, token.indexOf('.')) + ".AAAAAAAAAAAAAAAA", "call-1"))
                .isNull();
        assertThat(tokens.decode("garbage", "call-1")).isNull();
    }

    @Test
    void theRoutesOfADialogAreVerifiedOnceForEveryQuestionAsked() throws Exception {
        byte[] key = new byte[32];
        Instant invite = Instant.parse("2026-11-26T10:00:00Z");
        Instant reInvite = invite.plusSeconds(90);
        String callerFlow = new FlowTokens(key, Clock.fixed(invite, ZoneOffset.UTC)).encode(fromPhone, "call-1");
        String calleeFlow = new FlowTokens(key, Clock.fixed(reInvite, ZoneOffset.UTC))
                .encode(new HopImpl("203.0.113.21", 40001, "UDP"), "call-1");
        FlowTokens tokens = new FlowTokens(key);
        List<SipURI> popped = List.of(
                route("sip:203.0.113.10;lr;flow=" + callerFlow + ";callee-flow=" + calleeFlow + ";ftag=t1"),
                route("sip:203.0.113.10;lr;flow=" + callerFlow.substring(0, callerFlow.indexOf('.')) + ".forged"));

        RecordedFlows recorded = tokens.recorded(popped, "call-1");
        assertThat(recorded.vouched()).isTrue();
        assertThat(recorded.issuedAt()).isEqualTo(reInvite); // the newest of the valid tokens
        assertThat(recorded.issuedAt()).isEqualTo(tokens.issuedAt(popped, "call-1"));
        assertThat(tokens.vouchesFor(popped, "call-1")).isTrue();

        RecordedFlows elsewhere = tokens.recorded(popped, "call-2");
        assertThat(elsewhere.vouched()).isFalse();
        assertThat(elsewhere.issuedAt()).isNull();

        // only the caller's flow vouches for the dialog (a callee flow alone was never a Record-Route of ours)
        RecordedFlows calleeOnly =
                tokens.recorded(List.of(route("sip:203.0.113.10;lr;callee-flow=" + calleeFlow)), "call-1");
        assertThat(calleeOnly.vouched()).isFalse();
        assertThat(calleeOnly.issuedAt()).isEqualTo(reInvite);
    }

    private static SipURI route(String uri) throws Exception {
        return (SipURI) new AddressFactoryImpl().createURI(uri);
    }

    @Test
    void theKeySurvivesARestart() {
        String token = FlowTokens.withKeyFile(data.resolve("route.key")).encode(fromPhone, "call-1");

        assertThat(FlowTokens.withKeyFile(data.resolve("route.key")).decode(token, "call-1"))
                .isNotNull();
    }
}
