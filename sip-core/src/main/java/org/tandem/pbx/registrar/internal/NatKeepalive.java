package org.tandem.pbx.registrar.internal;

import gov.nist.javax.sip.ListeningPointExt;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.sip.ListeningPoint;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.sip.FlowRequests;
import org.tandem.pbx.sip.SipTransports;

/**
 * Keeps NAT bindings of registered UAs open (RFC 5626 §3.5, §4.4.1 from the server side): every
 * {@code tandem.sip.keepalive-interval}, one keepalive per distinct flow (transport, source address,
 * source port) — an OPTIONS over UDP sent to where the REGISTER came from, a CRLF over TCP/TLS on the
 * connection the UA opened. Runs on the registrar's own timer thread, never on a SIP thread; answers to
 * the OPTIONS are ignored (any answer, even 404 or 405, refreshed the NAT mapping already).
 */
public class NatKeepalive implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(NatKeepalive.class);

    private record Flow(String transport, String address, int port) {}

    private final LocationService location;
    private final SipTransports transports;
    private final FlowRequests requests;
    /** The SIP domain in force, read per keepalive (the setup wizard may change it). */
    private final Supplier<String> domain;

    public NatKeepalive(LocationService location, SipTransports transports, Supplier<String> domain) {
        this.location = location;
        this.transports = transports;
        this.requests = new FlowRequests(transports);
        this.domain = domain;
    }

    @Override
    public void run() {
        if (!transports.isRunning()) return;
        Set<Flow> done = new HashSet<>();
        List<Binding> bindings = location.all();
        for (Binding b : bindings) {
            Flow flow = new Flow(b.transport(), b.sourceAddress(), b.sourcePort());
            if (!done.add(flow)) continue;
            try {
                if ("udp".equals(b.transport())) options(b);
                else crlf(b);
            } catch (Exception e) {
                log.debug(
                        "Keepalive to {}:{}/{} failed: {}",
                        b.sourceAddress(),
                        b.sourcePort(),
                        b.transport(),
                        e.toString());
            }
        }
    }

    /** RFC 5626 §4.4.2: CRLF "ping" on the UA's own connection (reused from the stack's cache). */
    private void crlf(Binding b) throws IOException {
        ListeningPoint lp = transports.listeningPoint(b.transport());
        if (lp instanceof ListeningPointExt ext) ext.sendHeartbeat(b.sourceAddress(), b.sourcePort());
    }

    /** OPTIONS to the binding's source address and port (RFC 3581: not to a private Contact address). */
    private void options(Binding b) throws Exception {
        AddressFactory addresses = transports.addressFactory();
        HeaderFactory headers = transports.headerFactory();
        var target = addresses.createURI(b.contactUri());
        var from = headers.createFromHeader(
                addresses.createAddress(addresses.createSipURI(null, domain.get())),
                Long.toHexString(System.nanoTime()));
        var to = headers.createToHeader(
                addresses.createAddress(addresses.createSipURI(b.extension(), domain.get())), null);
        Request options =
                requests.create(target, Request.OPTIONS, transports.provider().getNewCallId(), 1L, from, to, "udp");
        requests.send(options, b.sourceAddress(), b.sourcePort(), "udp", status -> {});
    }
}
