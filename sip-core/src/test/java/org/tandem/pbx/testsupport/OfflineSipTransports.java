package org.tandem.pbx.testsupport;

import java.text.ParseException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.tandem.pbx.sip.SipProperties;
import org.tandem.pbx.sip.SipTransports;

/**
 * JAIN-SIP's real factories without a running stack: unit tests build and parse real messages
 * (and {@link org.tandem.pbx.sip.SipResponder} creates real responses) without opening sockets.
 */
public class OfflineSipTransports extends SipTransports {

    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;

    public OfflineSipTransports() {
        super(new SipProperties("127.0.0.1", "127.0.0.1", 5060, 0, null, null, 1, 10, 0, null, null), null, null);
        try {
            SipFactory f = SipFactory.getInstance();
            f.setPathName("gov.nist");
            addresses = f.createAddressFactory();
            headers = f.createHeaderFactory();
            messages = f.createMessageFactory();
        } catch (PeerUnavailableException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public AddressFactory addressFactory() {
        return addresses;
    }

    @Override
    public HeaderFactory headerFactory() {
        return headers;
    }

    @Override
    public MessageFactory messageFactory() {
        return messages;
    }

    /** Parses a request written as text (CRLF line ends are added when missing). */
    public Request parse(String text) {
        String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
        try {
            return messages.createRequest(crlf);
        } catch (ParseException e) {
            throw new IllegalArgumentException("Unparseable request:\n" + text, e);
        }
    }
}
