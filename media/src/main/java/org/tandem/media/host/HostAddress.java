package org.tandem.media.host;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.tandem.media.host.internal.AddressChoice;

/**
 * The address this host is reached by on its network now: the IPv4 address of the interface holding the default
 * route, else of the first interface that is up (issue 21). It is what SIP (Via, Contact, Record-Route), the media
 * services' and relay's SDP, provisioning and the start banner name when no address is configured
 * ({@code tandem.sip.advertised-address}, {@code tandem.media.advertised-address}, which always win), and it follows
 * the host: a watcher (sip-core's {@code config.HostAddressWatcher}) re-reads it every few seconds and
 * {@link #change}s it, so an appliance that started before DHCP answered, or whose static address was changed, needs
 * no restart. 127.0.0.1 while the host has no address at all. Readers call {@link #current()} each time they need it.
 */
public final class HostAddress {

    private final AtomicReference<String> current;

    /** @param initial the address to start with (tests: a fixed one that never changes unless told) */
    public HostAddress(String initial) {
        this.current = new AtomicReference<>(initial);
    }

    /** The host's address as the interfaces show it now. */
    public static HostAddress detect() {
        return new HostAddress(AddressChoice.ofThisHost());
    }

    /** The address as last seen, e.g. {@code 192.168.1.20}; never null, never blocks. */
    public String current() {
        return current.get();
    }

    /** {@link #current()} as an address (a literal: no name lookup). */
    public InetAddress currentInet() {
        try {
            return InetAddress.getByName(current());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an IP literal: " + current(), e);
        }
    }

    /** Reads the interfaces again; @return the previous address when it changed, else null. */
    public String refresh() {
        return change(AddressChoice.ofThisHost());
    }

    /** @return the previous address when {@code address} differs from it, else null */
    public String change(String address) {
        String before = current.getAndSet(address);
        return address.equals(before) ? null : before;
    }

    /** The name of the interface that holds {@link #current()} (else the default route's, or the first one up). */
    public Optional<String> interfaceName() {
        return AddressChoice.interfaceOf(current());
    }

    /** {@code configured} when set (an admin's explicit address always wins), else the host's current address. */
    public String or(String configured) {
        return configured == null || configured.isBlank() ? current() : configured;
    }
}
