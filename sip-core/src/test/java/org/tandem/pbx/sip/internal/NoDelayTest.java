package org.tandem.pbx.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Properties;
import javax.sip.SipFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.sip.SipConnectionProperties;

/**
 * Every SIP connection, accepted or opened, TCP or TLS, writes each message at once (TCP_NODELAY): with Nagle's
 * algorithm a 180 written right after a 100 waited for the peer's delayed acknowledgement (bench/tls/calls.sh: 36 ms
 * median from INVITE to 200 between TLS phones, 8 ms with it). On real jain-sip processors and loopback sockets.
 */
class NoDelayTest {

    final InetAddress loopback = InetAddress.getLoopbackAddress();
    SIPTransactionStack stack;
    ServerSocketChannel listener;

    @BeforeEach
    void stack() throws Exception {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "no-delay-test-" + System.nanoTime());
        stack = (SIPTransactionStack) SipFactory.getInstance().createSipStack(p);
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
    }

    @AfterEach
    void stop() throws Exception {
        listener.close();
        stack.stopStack();
        SipFactory.getInstance().resetFactory();
    }

    ConnectionLimits limits() {
        return new ConnectionLimits(new SipConnectionProperties(0, 0, Duration.ZERO, null, null));
    }

    @Test
    void acceptedTcpAndTlsConnectionsWriteEachMessageAtOnce() throws Exception {
        GuardedTcpProcessor tcp = new GuardedTcpProcessor(loopback, stack, 0, limits());
        GuardedTlsProcessor tls = new GuardedTlsProcessor(loopback, stack, 0, limits());
        for (var processor : new NioTcpMessageProcessor[] {tcp, tls}) {
            try (SocketChannel phone = SocketChannel.open(listener.getLocalAddress());
                    SocketChannel accepted = listener.accept()) {
                assertThat(accepted.getOption(StandardSocketOptions.TCP_NODELAY))
                        .as("the JDK's default")
                        .isFalse();
                processor.createMessageChannel(processor, accepted);
                assertThat(accepted.getOption(StandardSocketOptions.TCP_NODELAY))
                        .as(processor.getTransport())
                        .isTrue();
            }
        }
    }

    @Test
    void connectionsWeOpenWriteEachMessageAtOnce() throws Exception {
        GuardedTcpProcessor tcp = new GuardedTcpProcessor(loopback, stack, 0, limits());
        tcp.start(); // its selector, which connects
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        NioTcpMessageChannel opened = (NioTcpMessageChannel) tcp.createMessageChannel(loopback, port);
        try (SocketChannel trunk = listener.accept()) {
            assertThat(opened.getSocketChannel().getOption(StandardSocketOptions.TCP_NODELAY))
                    .isTrue();
        } finally {
            opened.close();
            tcp.stop();
        }
    }
}
