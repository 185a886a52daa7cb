package org.tandem.media.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.tandem.media.MediaConfiguration;

class StunConfigurationTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(MediaConfiguration.class, StunConfiguration.class);

    @Test
    void listensOnTheMediaBindAddressOnceStartedAndStopsWithTheContext() throws Exception {
        int port = StunServerTest.freePort();
        StunServer[] seen = new StunServer[1];
        context.withPropertyValues("tandem.media.bind-address=127.0.0.1", "tandem.stun.port=" + port)
                .run(ctx -> {
                    StunServer server = ctx.getBean(StunServer.class);
                    seen[0] = server;
                    assertThat(server.localAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", port));
                    assertThat(Thread.getAllStackTraces().keySet()).anySatisfy(t -> {
                        assertThat(t.getName()).isEqualTo("tandem-stun-1");
                        assertThat(t.isDaemon()).isTrue();
                    });
                    try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                        client.setSoTimeout(5000);
                        byte[] request = StunServerTest.bindingRequest(new byte[12], true, List.of(), false);
                        client.send(new DatagramPacket(request, request.length, server.localAddress()));
                        DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
                        client.receive(in);
                        assertThat(StunServerTest.u16(in.getData(), 0)).isEqualTo(0x0101);
                    }
                });
        assertThat(seen[0].localAddress()).as("closed with the context").isNull();
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void itsOwnBindAddressWins() {
        int port = StunServerTest.freePort();
        context.withPropertyValues(
                        "tandem.media.bind-address=0.0.0.0",
                        "tandem.stun.bind-address=127.0.0.1",
                        "tandem.stun.port=" + port)
                .run(ctx -> assertThat(ctx.getBean(StunServer.class).localAddress())
                        .isEqualTo(new InetSocketAddress("127.0.0.1", port)));
    }

    @Test
    void portZeroTurnsItOff() {
        context.withPropertyValues("tandem.stun.port=0").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(StunServer.class).localAddress()).isNull();
        });
    }

    @Test
    void defaultsAndABadPort() {
        StunProperties defaults = new StunProperties(null, null, null, null);
        assertThat(defaults.port()).isEqualTo(3478);
        assertThat(defaults.bindAddress()).isNull();
        assertThat(defaults.ratePerSource()).isEqualTo(20);
        assertThat(defaults.burst()).isEqualTo(50);
        context.withPropertyValues("tandem.stun.port=70000")
                .run(ctx -> assertThat(ctx)
                        .hasFailed()
                        .getFailure()
                        .hasRootCauseMessage("tandem.stun.port must be 0 (off) or 1-65535 (got 70000)"));
    }
}
