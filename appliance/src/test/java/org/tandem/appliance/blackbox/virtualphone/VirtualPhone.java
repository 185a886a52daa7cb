package org.tandem.appliance.blackbox.virtualphone;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPClient;
import org.tandem.appliance.testsupport.PhoneHttp;
import org.w3c.dom.Element;

/**
 * A small model of a desk phone's documented provisioning behaviour, driven against the running appliance over
 * HTTP and TFTP: what it keeps in flash across reboots (the provisioning server it stored, whether DHCP option 66 may
 * override that server, its polling period, its SIP account), which server it asks at boot, and the files it
 * asks for, in order (each vendor's subclass). It acts on the files the way the vendor's admin guide says the
 * phone does, so a configuration that parses but would not make a real phone register fails here (issue 19,
 * "Make this class of error impossible to miss").
 */
public abstract class VirtualPhone {

    /** The SIP account the phone registers with: what an admin would see in its web UI. */
    public record Account(String user, String authName, String password, String server, int port) {}

    /** One request the phone made: the URL and the status (-1: the phone could not make it, e.g. wrong scheme). */
    public record Fetch(String url, int status, String why) {
        @Override
        public String toString() {
            return status + " " + url + (why == null ? "" : " (" + why + ")");
        }
    }

    protected final String mac;
    protected final String source;
    /** What the phone sends as User-Agent (a Polycom's changes from its updater to its application). */
    protected String userAgent;

    private final int httpPort;
    /** Where this test's appliance serves TFTP (a real phone asks port 69); 0 = TFTP is not served. */
    private int tftpPort;

    private final List<Fetch> fetches = new ArrayList<>();

    // flash: survives a reboot
    /** Provisioning server stored on the phone (a URL ending in '/'); null = factory state. */
    protected String storedServer;
    /** Whether a server from DHCP option 66/160 wins over the stored one: the factory default of every modelled phone. */
    protected boolean dhcpOverridesStored = true;
    /** Polling period in seconds; null = the phone does not poll (factory default of every modelled phone). */
    protected Long pollSeconds;
    /**
     * Whether the phone answers a check-sync NOTIFY with a 401 challenge (Tandem's NOTIFY answers none, so such a
     * phone would never resync on a change). False unless the vendor's model says its factory default is to ask.
     */
    protected boolean challengesCheckSync;

    protected Account account;

    private String dhcpOption66;
    private String bootServer;

    protected VirtualPhone(String mac, String source, String userAgent, int httpPort) {
        this.mac = mac;
        this.source = source;
        this.userAgent = userAgent;
        this.httpPort = httpPort;
    }

    /**
     * Power-cycle: the phone gets its address (and option 66, null = none) from DHCP, picks its provisioning
     * server and runs its boot sequence.
     */
    public final void boot(String dhcpOption66) {
        this.dhcpOption66 = dhcpOption66;
        fetches.add(new Fetch("-- boot, DHCP option 66 " + dhcpOption66, 0, null));
        provision();
    }

    /** The phone's periodic check (or a check-sync NOTIFY): the same sequence, against the same choice of server. */
    public final void poll() {
        if (pollSeconds == null) throw new AssertionError(mac + " does not poll: it was never told to; " + log());
        fetches.add(new Fetch("-- poll after " + pollSeconds + " s", 0, null));
        provision();
    }

    private void provision() {
        bootServer =
                dhcpOption66 != null && (storedServer == null || dhcpOverridesStored) ? dhcpOption66 : storedServer;
        if (bootServer == null)
            throw new AssertionError(mac + ": no provisioning server, neither stored nor from DHCP");
        runSequence(serverUrl(bootServer));
    }

    /** The server as the phone's sequence uses it: a directory URL ending in '/' unless the vendor says otherwise. */
    protected String serverUrl(String server) {
        return server.endsWith("/") ? server : server + "/";
    }

    /** The vendor's boot sequence against {@code server} (a URL ending in '/'): fetch files, act on them. */
    protected abstract void runSequence(String server);

    /** The phone's network has the appliance's TFTP service on {@code port} (69 in an office). */
    public final VirtualPhone tftpAt(int port) {
        this.tftpPort = port;
        return this;
    }

    /**
     * GET {@code url} the way the phone would (http, or tftp: a TFTP read request, RFC 1350, for the path); null
     * when it did not get the file (the attempt is logged).
     */
    protected final String get(String url) {
        URI uri = URI.create(url);
        if ("tftp".equals(uri.getScheme()) && tftpPort > 0 && "127.0.0.1".equals(uri.getHost())) {
            return tftp(url, uri.getRawPath());
        }
        if (!"http".equals(uri.getScheme())) {
            fetches.add(new Fetch(
                    url,
                    -1,
                    "this appliance serves " + uri.getScheme() + " nowhere in this test: "
                            + "the phone was told a protocol it cannot fetch with"));
            return null;
        }
        if (!"127.0.0.1".equals(uri.getHost()) || uri.getPort() != httpPort) {
            fetches.add(new Fetch(url, -1, "not the appliance's address"));
            return null;
        }
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        PhoneHttp.Response r = new PhoneHttp(source, httpPort, userAgent).get(path);
        fetches.add(new Fetch(url, r.status(), null));
        return r.status() == 200 ? r.body() : null;
    }

    private String tftp(String url, String path) {
        TFTPClient client = new TFTPClient();
        client.setDefaultTimeout(Duration.ofSeconds(2));
        client.setMaxTimeouts(2);
        try {
            client.open(0, InetAddress.getByName(source));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            client.receiveFile(path, TFTP.BINARY_MODE, out, InetAddress.getByName("127.0.0.1"), tftpPort);
            fetches.add(new Fetch(url, 200, "tftp"));
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            // a TFTP error packet (file not found, access violation) or no answer: the phone goes without the file
            fetches.add(new Fetch(url, 404, "tftp: " + e.getMessage()));
            return null;
        } finally {
            client.close();
        }
    }

    /**
     * The root element of an XML file the phone got (a DOCTYPE is refused, as it should be by a phone's parser);
     * an AssertionError saying it is not {@code what} when the file is no XML.
     */
    protected static Element xmlRoot(String xml, String what) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("not " + what + ": " + e.getMessage() + "\n" + xml, e);
        }
    }

    /** A file name or URL from a configuration, resolved like a URL relative to the server the phone uses. */
    protected static String resolve(String server, String reference) {
        return URI.create(server).resolve(reference).toString();
    }

    public Account account() {
        return account;
    }

    public String storedServer() {
        return storedServer;
    }

    public boolean dhcpOverridesStored() {
        return dhcpOverridesStored;
    }

    public Long pollSeconds() {
        return pollSeconds;
    }

    public boolean challengesCheckSync() {
        return challengesCheckSync;
    }

    /** The server the phone used at its last boot or poll. */
    public String bootServer() {
        return bootServer;
    }

    public String source() {
        return source;
    }

    public String mac() {
        return mac;
    }

    /** Every request so far, for failure messages. */
    public String log() {
        StringBuilder b = new StringBuilder(getClass().getSimpleName() + " " + mac + " at " + source + ":");
        fetches.forEach(f -> b.append("\n  ").append(f));
        b.append("\n  now: stored server ")
                .append(storedServer)
                .append(", DHCP overrides it: ")
                .append(dhcpOverridesStored)
                .append(", polls every ")
                .append(pollSeconds)
                .append(" s, challenges check-sync: ")
                .append(challengesCheckSync)
                .append(", account ")
                .append(account);
        return b.toString();
    }
}
