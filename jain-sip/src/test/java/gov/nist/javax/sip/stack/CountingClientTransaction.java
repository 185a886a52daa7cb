package gov.nist.javax.sip.stack;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client transaction that counts how often the stack asks it whether a message is part of it, and whether a CANCEL
 * cancels it (a test of org.tandem.jainsip; in jain-sip's package for the protected constructor).
 */
public class CountingClientTransaction extends SIPClientTransactionImpl {

    public final AtomicInteger matchTests = new AtomicInteger();
    public final AtomicInteger cancelTests = new AtomicInteger();

    private CountingClientTransaction(SIPTransactionStack stack, MessageChannel channel) {
        super(stack, channel);
    }

    /** A client transaction of {@code stack} over a channel of its first listening point to host:port. */
    public static CountingClientTransaction to(SIPTransactionStack stack, InetAddress host, int port)
            throws IOException {
        return new CountingClientTransaction(stack, stack.getMessageProcessors()[0].createMessageChannel(host, port));
    }

    @Override
    public boolean isMessagePartOfTransaction(SIPMessage message) {
        matchTests.incrementAndGet();
        return super.isMessagePartOfTransaction(message);
    }

    @Override
    public boolean doesCancelMatchTransaction(SIPRequest cancel) {
        cancelTests.incrementAndGet();
        return super.doesCancelMatchTransaction(cancel);
    }
}
