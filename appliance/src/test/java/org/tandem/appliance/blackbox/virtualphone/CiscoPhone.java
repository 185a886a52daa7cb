package org.tandem.appliance.blackbox.virtualphone;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Cisco SPA5xx and MPP (3PCC) phones, per Cisco's SPA Provisioning Guide ("Profile Rules", "Macro Expansion") and
 * the MPP administration guide (Provisioning):
 * <ul>
 * <li>Server: {@code Profile_Rule}, factory {@code /spa$PSN.cfg} (SPA) or {@code /$PSN.xml} (MPP): a rule
 *     without a server is taken from DHCP — option 160 (159) holds the whole profile URL, option 66 only a TFTP
 *     host. A rule that names its server is used as it is; DHCP no longer matters.</li>
 * <li>One resync evaluates {@code Profile_Rule}, {@code _B}, {@code _C}, {@code _D} in turn, each after the
 *     previous file was applied; {@code $MA} is the lower-case MAC, {@code $PSN} the product series number.</li>
 * <li>Flat profile: {@code <flat-profile>} children, each a parameter; one not in the file keeps its value.</li>
 * <li>Polling: {@code Resync_Periodic} seconds (0 = never). Check-sync: a resync NOTIFY is challenged while
 *     {@code Auth_Resync-Reboot_1_} is Yes, its default.</li>
 * </ul>
 */
public final class CiscoPhone extends VirtualPhone {

    private final String psn;
    private final Map<String, String> flash = new LinkedHashMap<>();

    private CiscoPhone(String mac, String source, String userAgent, String psn, String factoryRule, int httpPort) {
        super(mac, source, userAgent, httpPort);
        this.psn = psn;
        flash.put("Profile_Rule", factoryRule);
        challengesCheckSync = true;
    }

    /** A SPA508G: {@code $PSN} is "508G", the factory rule {@code /spa$PSN.cfg}. */
    public static CiscoPhone spa508g(String mac, String source, int httpPort) {
        return new CiscoPhone(
                mac,
                source,
                "Cisco/SPA508G-7.6.2c (" + mac.toUpperCase() + ")(CCQ16230ABC)",
                "508G",
                "/spa$PSN.cfg",
                httpPort);
    }

    /** A CP-8841 on 3PCC firmware: {@code $PSN} is "8841-3PCC", the factory rule {@code /$PSN.xml}. */
    public static CiscoPhone mpp8841(String mac, String source, int httpPort) {
        return new CiscoPhone(
                mac, source, "Cisco-CP-8841-3PCC/11.3.7 (" + mac + ")", "8841-3PCC", "/$PSN.xml", httpPort);
    }

    /** What the phone resyncs from: its Profile_Rule when that names a server, else DHCP's (option 160 or 66). */
    @Override
    protected String serverUrl(String server) {
        return server;
    }

    @Override
    protected void runSequence(String dhcpOrRule) {
        for (String name : List.of("Profile_Rule", "Profile_Rule_B", "Profile_Rule_C", "Profile_Rule_D")) {
            String rule = flash.getOrDefault(name, "");
            if (rule.isBlank()) continue;
            // a relative rule takes the server DHCP gave: option 160 holds the profile URL itself, option 66 only
            // a host, asked by TFTP for the rule's path
            String url = !rule.startsWith("/")
                    ? rule
                    : dhcpOrRule.contains("://") ? dhcpOrRule : "tftp://" + dhcpOrRule + rule;
            String xml = get(url.replace("$MA", mac).replace("$PSN", psn));
            if (xml != null) apply(parameters(xml));
        }
    }

    private void apply(Map<String, String> p) {
        flash.putAll(p);
        String rule = flash.get("Profile_Rule");
        storedServer = rule.startsWith("/") ? null : rule;
        dhcpOverridesStored = rule.startsWith("/");
        long periodic = Long.parseLong(flash.getOrDefault("Resync_Periodic", "0"));
        pollSeconds = periodic > 0 ? periodic : null;
        challengesCheckSync = !"No".equals(flash.get("Auth_Resync-Reboot_1_"));
        if ("No".equals(flash.get("Line_Enable_1_"))) account = null;
        if ("Yes".equals(flash.get("Line_Enable_1_"))) {
            String[] proxy = flash.get("Proxy_1_").split(":");
            String authId =
                    "Yes".equals(flash.get("Use_Auth_ID_1_")) ? flash.get("Auth_ID_1_") : flash.get("User_ID_1_");
            account = new Account(
                    flash.get("User_ID_1_"),
                    authId,
                    flash.get("Password_1_"),
                    proxy[0],
                    proxy.length > 1 ? Integer.parseInt(proxy[1]) : 5060);
        }
    }

    private static Map<String, String> parameters(String xml) {
        try {
            Element root = xmlRoot(xml, "a Cisco flat profile");
            if (!"flat-profile".equals(root.getTagName())) throw new AssertionError("no <flat-profile>: " + xml);
            Map<String, String> out = new LinkedHashMap<>();
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) out.put(e.getTagName(), e.getTextContent());
            }
            return out;
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("not a Cisco flat profile: " + e.getMessage() + "\n" + xml, e);
        }
    }
}
