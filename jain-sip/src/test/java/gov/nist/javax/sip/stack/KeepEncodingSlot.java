package gov.nist.javax.sip.stack;

/** The thread's slot for the bytes a channel encodes (patch 0010), opened and closed (a test of org.tandem.jainsip). */
public final class KeepEncodingSlot {

    private static final MessageChannel.SentEncoding SLOT = new MessageChannel.SentEncoding();

    private KeepEncodingSlot() {}

    /** Opens and closes the slot as a server transaction's send does (around its channel's send). */
    public static Object openAndClose() {
        MessageChannel.keepEncoding(SLOT);
        MessageChannel.stopKeepingEncoding();
        return SLOT;
    }
}
