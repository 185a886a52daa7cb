package org.tandem.provisioning.softphone;

/**
 * A Linphone remote-provisioning document: liblinphone's configuration ("lpconfig") as XML, the format Linphone's
 * assistant fetches from a scanned QR code or a typed URL and merges into its own configuration ({@code
 * <config xmlns="http://www.linphone.org/xsds/lpconfig.xsd">}, one {@code <section>} per lpconfig section). It holds
 * one account: {@code proxy_0} (where to register, as whom) and {@code auth_info_0} with the digest HA1 (RFC 7616
 * §3.4.2, MD5 of user:realm:password) and its realm instead of the SIP password, which liblinphone accepts ({@code
 * ha1} + {@code realm}, answering the registrar's MD5 challenge), so the clear password never leaves the appliance.
 * {@code misc/transient_provisioning=1} makes Linphone forget the address once it applied the document: it would
 * otherwise fetch it again at every start (liblinphone keeps {@code misc/config-uri}), and the used address would
 * answer 404 and count as failed logins of the phone's network.
 */
public final class LinphoneConfig {

    /**
     * The account.
     *
     * @param transport {@code udp}, {@code tcp} or {@code tls}
     * @param ha1       MD5(username ":" realm ":" password) in lower-case hex
     */
    public record Account(
            String displayName,
            String username,
            String domain,
            String server,
            int port,
            String transport,
            String realm,
            String ha1) {}

    private LinphoneConfig() {}

    public static String xml(Account a) {
        String host = a.server().contains(":") && !a.server().startsWith("[") ? "[" + a.server() + "]" : a.server();
        String identity = (a.displayName() == null || a.displayName().isBlank() ? "" : quoted(a.displayName()) + " ")
                + "<sip:" + a.username() + "@" + a.domain() + ">";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<config xmlns=\"http://www.linphone.org/xsds/lpconfig.xsd\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xsi:schemaLocation=\"http://www.linphone.org/xsds/lpconfig.xsd lpconfig.xsd\">\n"
                + "  <section name=\"sip\">\n"
                + entry("default_proxy", "0")
                + "  </section>\n"
                + "  <section name=\"misc\">\n"
                + entry("transient_provisioning", "1")
                + "  </section>\n"
                + "  <section name=\"proxy_0\" overwrite=\"true\">\n"
                + entry("reg_proxy", "<sip:" + host + ":" + a.port() + ";transport=" + a.transport() + ">")
                + entry("reg_identity", identity)
                + entry("realm", a.realm())
                + entry("reg_expires", "3600")
                + entry("reg_sendregister", "1")
                + entry("publish", "0")
                + "  </section>\n"
                + "  <section name=\"auth_info_0\" overwrite=\"true\">\n"
                + entry("username", a.username())
                + entry("ha1", a.ha1())
                + entry("realm", a.realm())
                + entry("domain", a.domain())
                + entry("algorithm", "MD5")
                + "  </section>\n"
                + "</config>\n";
    }

    private static String entry(String name, String value) {
        return "    <entry name=\"" + name + "\" overwrite=\"true\">" + xmlText(value) + "</entry>\n";
    }

    /** RFC 3261 §25.1: a display name as a quoted-string, '"' and '\' escaped as quoted-pairs. */
    static String quoted(String displayName) {
        // control characters (a line break in a name) have no place in a header nor in XML 1.0 text
        return "\""
                + displayName
                        .replaceAll("\\p{Cntrl}", " ")
                        .replace("\\", "\\\\")
                        .replace("\"", "\\\"") + "\"";
    }

    /** XML 1.0 §2.4: character data with '&', '<' and '>' escaped (and quotes, harmless in content). */
    static String xmlText(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
