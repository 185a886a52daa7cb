package org.tandem.appliance.blackbox.virtualphone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Snom D3xx/D7xx (firmware 10), per Snom's settings reference (service.snom.com, one page per setting):
 * <ul>
 * <li>Server: the stored {@code setting_server}; a server from DHCP (options 66/67) replaces it while
 *     {@code provisioning_order} lists {@code dhcp} (default "redirection:stop pnp:stop dhcp:stop tr69:stop";
 *     without it "the DHCP request is still made, but provided ... server information is ignored").</li>
 * <li>Files: a server that is a directory is asked for {@code snom<model>.htm}, then
 *     {@code snom<model>-<MAC>.htm}; a {@code setting_server} naming a file is asked for that file. A
 *     {@code <setting-files>} document lists further files ({@code {mac}} replaced by the MAC), a
 *     {@code <settings>} document sets what it lists.</li>
 * <li>Polling: {@code prov_polling_enabled} on, mode rel, every {@code prov_polling_period} seconds.</li>
 * <li>Check-sync: the phone challenges a check-sync NOTIFY unless {@code challenge_checksync} is off.</li>
 * </ul>
 */
public final class SnomPhone extends VirtualPhone {

    private final String model;
    private final Map<String, String> flash = new LinkedHashMap<>();

    public SnomPhone(String model, String mac, String source, int httpPort) {
        super(
                mac.toUpperCase(),
                source,
                "Mozilla/4.0 (compatible; snom" + model + "-SIP 10.1.73.16 SPEEX OPUS " + mac.toUpperCase() + ")",
                httpPort);
        this.model = model;
        challengesCheckSync = true; // challenge_checksync: default on
    }

    @Override
    protected void runSequence(String server) {
        if (server.endsWith("/")) {
            fetch(server + "snom" + model + ".htm", 0);
            fetch(server + "snom" + model + "-" + mac + ".htm", 0);
        } else {
            fetch(server, 0);
        }
    }

    private void fetch(String url, int depth) {
        if (depth > 3) throw new AssertionError("setting-files nested too deep at " + url);
        String xml = get(url.replace("{mac}", mac));
        if (xml == null) return;
        Element root = xmlRoot(xml, "a Snom settings file");
        if ("setting-files".equals(root.getTagName())) {
            for (Element file : children(root, "file")) {
                fetch(resolve(url, file.getAttribute("url").replace("{mac}", mac)), depth + 1);
            }
        } else if ("settings".equals(root.getTagName())) {
            for (Element section : children(root, "phone-settings")) {
                for (Element setting : children(section, null)) {
                    String idx = setting.getAttribute("idx");
                    flash.put(setting.getTagName() + (idx.isEmpty() ? "" : "#" + idx), setting.getTextContent());
                }
            }
            apply();
        } else {
            throw new AssertionError("a Snom phone cannot read <" + root.getTagName() + "> from " + url);
        }
    }

    private void apply() {
        if (flash.containsKey("setting_server")) storedServer = flash.get("setting_server");
        if (flash.containsKey("provisioning_order")) {
            dhcpOverridesStored = List.of(flash.get("provisioning_order").split("\\s+")).stream()
                    .anyMatch(step -> step.startsWith("dhcp:"));
        }
        if ("on".equals(flash.get("prov_polling_enabled")) && "rel".equals(flash.get("prov_polling_mode"))) {
            pollSeconds = Long.parseLong(flash.get("prov_polling_period"));
        }
        if (flash.containsKey("challenge_checksync"))
            challengesCheckSync = !"off".equals(flash.get("challenge_checksync"));
        if ("off".equals(flash.get("user_active#1"))) account = null;
        if ("on".equals(flash.get("user_active#1"))) {
            // user_outbound: host:port;transport=...
            String[] outbound = flash.get("user_outbound#1").split(";")[0].split(":");
            account = new Account(
                    flash.get("user_name#1"),
                    flash.get("user_pname#1"),
                    flash.get("user_pass#1"),
                    outbound[0],
                    outbound.length > 1 ? Integer.parseInt(outbound[1]) : 5060);
        }
    }

    /** The Setting URL names a file (the phone's own), not a directory: taken as it is. */
    @Override
    protected String serverUrl(String server) {
        return server;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || name.equals(e.getTagName()))) out.add(e);
        }
        return out;
    }
}
