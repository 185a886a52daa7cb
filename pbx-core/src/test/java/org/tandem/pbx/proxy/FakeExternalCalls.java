package org.tandem.pbx.proxy;

import gov.nist.javax.sip.stack.HopImpl;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.address.SipURI;
import org.tandem.pbx.routing.ExternalCallRequest;
import org.tandem.pbx.routing.ExternalCalls;
import org.tandem.pbx.routing.ExternalRoute;

/**
 * Stands in for the trunk feature in the routing tests: an external number is a SIPp UAS on a local
 * port (registered by the test), reached directly; numbers starting with {@link #FORBIDDEN_PREFIX}
 * are refused with 403, others with 404. Records what the dial plan asked.
 */
class FakeExternalCalls implements ExternalCalls {

    static final String FORBIDDEN_PREFIX = "00";

    private final Map<String, Integer> numbers = new ConcurrentHashMap<>();
    final List<ExternalCallRequest> asked = new CopyOnWriteArrayList<>();

    void reach(String number, int port) {
        numbers.put(number, port);
    }

    @Override
    public ExternalRoute route(ExternalCallRequest request) {
        asked.add(request);
        if (request.number().startsWith(FORBIDDEN_PREFIX)) {
            return new ExternalRoute.Refused(403, "International calls are not allowed for this user");
        }
        Integer port = numbers.get(request.number());
        if (port == null) return new ExternalRoute.Refused(404, "No outbound route for this number");
        try {
            SipURI uri = SipFactory.getInstance().createAddressFactory().createSipURI(request.number(), Sipp.HOST);
            uri.setPort(port);
            return new ExternalRoute.Through(
                    uri, new HopImpl(Sipp.HOST, port, "UDP"), List.of(), request.number(), Sipp.HOST);
        } catch (ParseException | PeerUnavailableException e) {
            throw new IllegalStateException(e);
        }
    }
}
