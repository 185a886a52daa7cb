package org.tandem.pbx.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.sip.RequestEvent;
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
    void theKeySurvivesARestart() {
        String token = FlowTokens.withKeyFile(data.resolve("route.key")).encode(fromPhone, "call-1");

        assertThat(FlowTokens.withKeyFile(data.resolve("route.key")).decode(token, "call-1"))
                .isNotNull();
    }
}
