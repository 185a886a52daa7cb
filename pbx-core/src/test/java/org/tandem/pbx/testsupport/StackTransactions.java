package org.tandem.pbx.testsupport;

import gov.nist.javax.sip.stack.SIPClientTransaction;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tandem.pbx.sip.SipTransports;

/** The transactions jain-sip's stack holds right now (its tables are protected: read as a test may). */
public final class StackTransactions {

    private StackTransactions() {}

    /** Those of one method. */
    public static List<SIPClientTransaction> clientTransactions(SipTransports transports, String method)
            throws ReflectiveOperationException {
        return table(transports, "clientTransactionTable").values().stream()
                .map(SIPClientTransaction.class::cast)
                .filter(ct -> Objects.equals(method, ct.getMethod()))
                .toList();
    }

    /** Those of one method and Call-ID. */
    public static List<SIPClientTransaction> clientTransactions(SipTransports transports, String method, String callId)
            throws ReflectiveOperationException {
        return clientTransactions(transports, method).stream()
                .filter(ct -> callId.equals(ct.getOriginalRequestCallId()))
                .toList();
    }

    /** The server transactions of one method. */
    public static List<SIPServerTransaction> serverTransactions(SipTransports transports, String method)
            throws ReflectiveOperationException {
        return table(transports, "serverTransactionTable").values().stream()
                .map(SIPServerTransaction.class::cast)
                .filter(st -> Objects.equals(method, st.getMethod()))
                .toList();
    }

    private static Map<?, ?> table(SipTransports transports, String name) throws ReflectiveOperationException {
        Field table = SIPTransactionStack.class.getDeclaredField(name);
        table.setAccessible(true);
        return (Map<?, ?>) table.get(transports.provider().getSipStack());
    }
}
