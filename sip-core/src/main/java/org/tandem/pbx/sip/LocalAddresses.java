package org.tandem.pbx.sip;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import org.tandem.pbx.config.SipDomain;

/**
 * Answers "is this URI us?": the SIP domain, the advertised host, and every address the listening
 * points are bound to, on one of our ports (RFC 3261 §16.4: a Route/Request-URI naming this proxy).
 */
public class LocalAddresses {

    private final SipDomain domain;
    private final Set<String> hosts = new HashSet<>();
    /** the public host of a port-forwarding office router (setup wizard / --tandem.external-address), read per check */
    private volatile Supplier<Optional<String>> external = Optional::empty;

    private final Set<Integer> ports = new HashSet<>();
    /** the host advertised now (it follows the host's address, issue 21), read per check */
    private volatile Supplier<String> advertised = () -> null;

    /** A fixed domain (tests). */
    public LocalAddresses(String domain, SipProperties props, String advertisedHost) {
        this(new SipDomain(domain), props, advertisedHost);
    }

    /** @param domain the domain in force, read on every check (the setup wizard may change it) */
    public LocalAddresses(SipDomain domain, SipProperties props, String advertisedHost) {
        this.domain = domain;
        hosts.add(advertisedHost.toLowerCase(Locale.ROOT));
        hosts.add(props.bindAddress());
        if ("0.0.0.0".equals(props.bindAddress()) || "::".equals(props.bindAddress())) {
            try {
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                        hosts.add(normalise(a.getHostAddress()));
                    }
                }
            } catch (SocketException ignored) {
                // keep what we have
            }
            hosts.add("localhost");
        }
        ports.add(props.port());
        if (props.tlsPort() > 0) ports.add(props.tlsPort());
    }

    /**
     * Also answers to {@code external}'s host: behind a router that forwards SIP to us, phones outside address us by the
     * router's public address, and our Record-Routes facing them name it (issue 20).
     */
    public LocalAddresses withExternal(Supplier<Optional<String>> external) {
        this.external = external;
        return this;
    }

    /** Also answers to the advertised host as it is at the time of each check: a changed host address (issue 21). */
    public LocalAddresses withAdvertised(Supplier<String> advertised) {
        this.advertised = advertised;
        return this;
    }

    /** Also answers to the web server's WebSocket ports (RFC 7118): our Record-Routes facing WS clients name them. */
    public LocalAddresses withWebSockets(SipWebSocketPorts webSockets) {
        if (webSockets.ws() > 0) ports.add(webSockets.ws());
        if (webSockets.wss() > 0) ports.add(webSockets.wss());
        return this;
    }

    /** The SIP domain in force now. */
    public String domain() {
        return domain.current();
    }

    /** The host names this AOR-domain check accepts: the SIP domain in force or one of our addresses. */
    public boolean isLocalHost(String host) {
        String now = advertised.get();
        return host != null
                && (domain.is(host)
                        || hosts.contains(normalise(host))
                        || (now != null && normalise(now).equals(normalise(host)))
                        || external.get()
                                .map(e -> normalise(e).equals(normalise(host)))
                                .orElse(false));
    }

    /** True when {@code uri} names this server (host is ours and the port, if any, is ours). */
    public boolean isLocal(URI uri) {
        return uri instanceof SipURI sip && isLocal(sip.getHost(), sip.getPort());
    }

    /** {@link #isLocal(URI)} for a SIP URI's host and port ({@code -1}: none written). */
    public boolean isLocal(String host, int port) {
        if (!isLocalHost(host)) return false;
        if (port <= 0) return domain.is(host) || ports.contains(5060);
        return ports.contains(port);
    }

    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        int zone = h.indexOf('%');
        return zone >= 0 ? h.substring(0, zone) : h;
    }
}
