package org.tandem.pbx.ua;

import java.text.ParseException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import org.tandem.pbx.sip.SipTransports;

/**
 * The Contact of a user agent inside the PBX (RFC 3261 §8.1.1.8, §12.1.1: where the far end sends its requests
 * in the dialog): {@code sip:tandem@<advertised host>:<port>;transport=<the transport the INVITE came on>}; to a caller
 * outside the local networks the external host, when the appliance sits behind a router that forwards SIP (issue 20).
 */
final class LocalContact {

    private LocalContact() {}

    /** On {@code host}: the one the caller reaches us by ({@link org.tandem.pbx.sip.AdvertisedHosts}). */
    static ContactHeader on(SipTransports transports, String transport, String host) throws ParseException {
        SipURI uri = transports.addressFactory().createSipURI("tandem", host);
        uri.setPort(transports.port(transport));
        uri.setTransportParam(transport);
        Address address = transports.addressFactory().createAddress(uri);
        return transports.headerFactory().createContactHeader(address);
    }
}
