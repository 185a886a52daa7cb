package org.tandem.appliance.blackbox.virtualphone;

import java.util.LinkedHashMap;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * Polycom VVX on UC Software 5/6, per the Polycom UC Software Administrator Guide:
 * <ul>
 * <li>Server: {@code device.prov.bootSrvUseOpt} 0 (default) takes DHCP option 66; 2 (Static) keeps the stored
 *     {@code device.prov.serverName} (written only with {@code device.set} and the parameter's {@code .set}).</li>
 * <li>Boot: the Updater fetches the master file {@code <mac>.cfg} (else {@code 000000000000.cfg}) and its
 *     {@code APP_FILE_PATH}; the application then starts and fetches the master file again, then each of its
 *     {@code CONFIG_FILES} in order: {@code [PHONE_MAC_ADDRESS]} replaced by the MAC, a relative name resolved
 *     against the boot server's directory, a URL taken as it is ("Master Configuration File").</li>
 * <li>Polling: {@code prov.polling.enabled} with {@code prov.polling.mode} rel every {@code prov.polling.period}
 *     seconds.</li>
 * </ul>
 */
public final class PolycomPhone extends VirtualPhone {

    private static final String UPDATER = "FileTransport PolycomVVX-VVX_411-UA/5.9.5.0614 Type/Updater";
    private static final String APPLICATION = "FileTransport PolycomVVX-VVX_411-UA/5.9.5.0614 Type/Application";

    public PolycomPhone(String mac, String source, int httpPort) {
        super(mac, source, APPLICATION, httpPort);
    }

    @Override
    protected void runSequence(String server) {
        userAgent = UPDATER;
        Map<String, String> master = master(server);
        if (master == null) return;
        // a missing application image is no error: the updater starts the application already installed
        if (!master.getOrDefault("APP_FILE_PATH", "").isEmpty()) get(resolve(server, master.get("APP_FILE_PATH")));
        userAgent = APPLICATION;
        master = master(server);
        if (master == null) return;
        for (String file : master.getOrDefault("CONFIG_FILES", "").split(",")) {
            if (file.isBlank()) continue;
            String xml = get(resolve(server, file.strip().replace("[PHONE_MAC_ADDRESS]", mac)));
            if (xml != null) apply(attributes(xml));
        }
    }

    private Map<String, String> master(String server) {
        String xml = get(server + mac + ".cfg");
        if (xml == null) xml = get(server + "000000000000.cfg");
        return xml == null ? null : attributes(xml);
    }

    private void apply(Map<String, String> c) {
        boolean device = "1".equals(c.get("device.set"));
        if (device && "1".equals(c.get("device.prov.serverName.set"))) storedServer = c.get("device.prov.serverName");
        if (device && "1".equals(c.get("device.prov.bootSrvUseOpt.set"))) {
            dhcpOverridesStored = !"2".equals(c.get("device.prov.bootSrvUseOpt"));
        }
        if ("1".equals(c.get("prov.polling.enabled")) && "rel".equals(c.get("prov.polling.mode"))) {
            pollSeconds = Long.parseLong(c.get("prov.polling.period"));
        }
        if (c.containsKey("reg.1.address")) {
            account = new Account(
                    c.get("reg.1.address").replaceAll("@.*", ""),
                    c.get("reg.1.auth.userId"),
                    c.get("reg.1.auth.password"),
                    c.get("reg.1.server.1.address"),
                    Integer.parseInt(c.getOrDefault("reg.1.server.1.port", "5060")));
        }
    }

    /** The attributes of the document's root element (Polycom's files are one element with attributes). */
    static Map<String, String> attributes(String xml) {
        try {
            Element root = xmlRoot(xml, "a Polycom configuration file");
            Map<String, String> out = new LinkedHashMap<>();
            NamedNodeMap attributes = root.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                out.put(attributes.item(i).getNodeName(), attributes.item(i).getNodeValue());
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("not a Polycom configuration file: " + e.getMessage() + "\n" + xml, e);
        }
    }
}
