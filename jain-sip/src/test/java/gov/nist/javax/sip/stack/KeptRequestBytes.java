package gov.nist.javax.sip.stack;

import javax.sip.Transaction;

/** The bytes an ended transaction keeps of its request (a test of org.tandem.jainsip; the field is protected). */
public final class KeptRequestBytes {

    private KeptRequestBytes() {}

    public static byte[] of(Transaction transaction) {
        return ((SIPTransactionImpl) transaction).originalRequestBytes;
    }
}
