package org.tandem.appliance.blackbox.virtualphone;

import java.util.LinkedHashMap;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Grandstream GXP21xx, per Grandstream's GXP21xx configuration template (P-values) and its provisioning guide:
 * <ul>
 * <li>Server: the stored Config Server Path {@code P237} (host/path, no scheme) fetched with {@code P212}
 *     (0 TFTP, 1 HTTP, 2 HTTPS); DHCP option 66/160 overrides it while {@code P145} ("Allow DHCP Option 66 or
 *     160 to override server") is 1, its default.</li>
 * <li>File: {@code cfg<mac>.xml}, P-values in {@code <gs_provision><config>}; a P-value not in the file keeps
 *     its value.</li>
 * <li>Polling: {@code P194} = 1 every {@code P193} minutes.</li>
 * <li>Check-sync: the phone challenges a NOTIFY unless {@code P4428} ("Disable SIP NOTIFY Authentication",
 *     default 0) is 1.</li>
 * </ul>
 */
public final class GrandstreamPhone extends VirtualPhone {

    public GrandstreamPhone(String mac, String source, int httpPort) {
        super(mac, source, "Grandstream Model HW GXP2170 SW 1.0.9.69 DevId " + mac, httpPort);
        challengesCheckSync = true; // P4428 "Disable SIP NOTIFY Authentication", default 0
    }

    @Override
    protected void runSequence(String server) {
        String xml = get(server + "cfg" + mac + ".xml");
        if (xml != null) apply(pValues(xml));
    }

    private void apply(Map<String, String> p) {
        if (p.containsKey("P237")) {
            String scheme = switch (p.getOrDefault("P212", "1")) {
                case "0" -> "tftp";
                case "2" -> "https";
                default -> "http";
            };
            String path = p.get("P237");
            if (path.contains("://")) throw new AssertionError("P237 must be host/path without a scheme: " + path);
            storedServer = scheme + "://" + path + (path.endsWith("/") ? "" : "/");
        }
        if (p.containsKey("P4428")) challengesCheckSync = !"1".equals(p.get("P4428"));
        if (p.containsKey("P145")) dhcpOverridesStored = !"0".equals(p.get("P145"));
        if ("1".equals(p.get("P194")) && p.containsKey("P193")) pollSeconds = Long.parseLong(p.get("P193")) * 60;
        if ("0".equals(p.get("P271"))) account = null;
        if ("1".equals(p.get("P271"))) {
            String[] server = p.get("P47").split(":");
            account = new Account(
                    p.get("P35"),
                    p.get("P36"),
                    p.get("P34"),
                    server[0],
                    server.length > 1 ? Integer.parseInt(server[1]) : 5060);
        }
    }

    static Map<String, String> pValues(String xml) {
        try {
            Element root = xmlRoot(xml, "a Grandstream gs_provision file");
            Map<String, String> out = new LinkedHashMap<>();
            Node config = root.getElementsByTagName("config").item(0);
            for (Node n = config.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeType() == Node.ELEMENT_NODE) out.put(n.getNodeName(), n.getTextContent());
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("not a Grandstream gs_provision file: " + e.getMessage() + "\n" + xml, e);
        }
    }
}
