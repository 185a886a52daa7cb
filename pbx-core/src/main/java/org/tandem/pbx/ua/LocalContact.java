package org.tandem.pbx.ua;

import java.text.ParseException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import org.tandem.pbx.sip.SipTransports;

/**
 * The Contact of a user agent inside the PBX (RFC 3261 §8.1.1.8, §12.1.1: where the far end sends its requests
 * in the dialog): {@code sip:tandem@<advertised host>:<port>;transport=<the transport the INVITE came on>}.
 */
final class LocalContact {

    private LocalContact() {
    }

    static ContactHeader on(SipTransports transports, String transport) throws ParseException {
        SipURI uri = transports.addressFactory().createSipURI("tandem", transports.advertisedHost());
        uri.setPort(transports.port(transport));
        uri.setTransportParam(transport);
        Address address = transports.addressFactory().createAddress(uri);
        return transports.headerFactory().createContactHeader(address);
    }
}
