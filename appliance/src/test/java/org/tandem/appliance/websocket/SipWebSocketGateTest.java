package org.tandem.appliance.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Who may open a SIP WebSocket: plain ws:// only from this host, wss:// from anywhere; always subprotocol sip. */
class SipWebSocketGateTest {

    private static MockHttpServletResponse upgrade(String from, boolean secure, String uri, String... protocols)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        request.setRemoteAddr(from);
        request.setSecure(secure);
        request.setServerName("pbx.office.example");
        request.addHeader("Upgrade", "websocket");
        for (String p : protocols) request.addHeader("Sec-WebSocket-Protocol", p);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        new SipWebSocketGate(8443).doFilter(request, response, chain);
        if (chain.getRequest() != null) response.setStatus(299); // passed on to the handshake
        return response;
    }

    @Test
    void plainWebSocketFromThisHostAndSecureFromAnywherePass() throws Exception {
        assertThat(upgrade("127.0.0.1", false, "/ws", "sip").getStatus()).isEqualTo(299);
        assertThat(upgrade("::1", false, "/ws", "sip").getStatus()).isEqualTo(299);
        assertThat(upgrade("192.168.1.20", true, "/ws", "sip").getStatus()).isEqualTo(299);
        assertThat(upgrade("203.0.113.9", true, "/ws", "chat, sip").getStatus()).isEqualTo(299);
    }

    @Test
    void plainWebSocketFromTheNetworkIsRefusedWithTheSecureAddressToUse() throws Exception {
        MockHttpServletResponse r = upgrade("192.168.1.20", false, "/ws", "sip");
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(r.getContentAsString())
                .contains("only for clients on this host", "wss://pbx.office.example:8443/ws");
    }

    @Test
    void aHandshakeWithoutTheSipSubprotocolIsRefused() throws Exception {
        assertThat(upgrade("127.0.0.1", false, "/ws").getStatus()).isEqualTo(400);
        MockHttpServletResponse r = upgrade("192.168.1.20", true, "/ws", "chat");
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getContentAsString()).contains("Sec-WebSocket-Protocol: sip", "RFC 7118");
    }

    @Test
    void otherPathsAreNotItsBusiness() throws Exception {
        assertThat(upgrade("192.168.1.20", false, "/wsx").getStatus()).isEqualTo(299);
        assertThat(upgrade("192.168.1.20", false, "/api/v1/users").getStatus()).isEqualTo(299);
    }
}
