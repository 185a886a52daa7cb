package gov.nist.javax.sip.stack;

import gov.nist.javax.sip.message.SIPRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server transaction that counts how often the stack asks it whether a CANCEL cancels it (a test of
 * org.tandem.jainsip; in jain-sip's package for the protected constructor).
 */
public class CountingServerTransaction extends SIPServerTransactionImpl {

    public final AtomicInteger cancelTests = new AtomicInteger();

    private CountingServerTransaction(SIPTransactionStack stack, MessageChannel channel) {
        super(stack, channel);
    }

    /** A server transaction of {@code stack} over a channel of its first listening point to host:port. */
    public static CountingServerTransaction to(SIPTransactionStack stack, InetAddress host, int port)
            throws IOException {
        return new CountingServerTransaction(stack, stack.getMessageProcessors()[0].createMessageChannel(host, port));
    }

    @Override
    public boolean doesCancelMatchTransaction(SIPRequest cancel) {
        cancelTests.incrementAndGet();
        return super.doesCancelMatchTransaction(cancel);
    }
}
