package org.tandem.appliance.blackbox.virtualphone;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Yealink T4x/T5x (firmware 8x), per the Yealink SIP-T4x/T5x Administrator Guide, Auto Provisioning:
 * <ul>
 * <li>Server: DHCP options 66/43 win over the stored {@code static.auto_provision.server.url} unless
 *     {@code static.auto_provision.dhcp_option.enable = 0} ("Obtaining the Provisioning Server Address").</li>
 * <li>Files: the MAC-oriented boot file {@code <mac>.boot}, else the common {@code y000000000000.boot}; each
 *     {@code include:config "<file>"} it lists is fetched in order, a relative name against the server.</li>
 * <li>CFG files set only the parameters they list; {@code account.1.enable = 0} drops the line.</li>
 * <li>Polling: {@code static.auto_provision.repeat.enable = 1} every {@code repeat.minutes}.</li>
 * </ul>
 */
public final class YealinkPhone extends VirtualPhone {

    private static final Pattern INCLUDE = Pattern.compile("(?m)^include:config\\s*\"([^\"]+)\"");

    public YealinkPhone(String mac, String source, int httpPort) {
        super(mac, source, "Yealink SIP-T46S 66.86.0.15 " + colons(mac), httpPort);
    }

    @Override
    protected void runSequence(String server) {
        String boot = get(server + mac + ".boot");
        if (boot == null) boot = get(server + "y000000000000.boot");
        if (boot == null) return;
        Matcher include = INCLUDE.matcher(boot);
        while (include.find()) {
            String cfg = get(resolve(server, include.group(1)));
            if (cfg != null) apply(settings(cfg));
        }
    }

    private void apply(Map<String, String> s) {
        if (s.containsKey("static.auto_provision.server.url")) storedServer = s.get("static.auto_provision.server.url");
        if (s.containsKey("static.auto_provision.dhcp_option.enable")) {
            dhcpOverridesStored = !"0".equals(s.get("static.auto_provision.dhcp_option.enable"));
        }
        if ("1".equals(s.get("static.auto_provision.repeat.enable"))) {
            pollSeconds = Long.parseLong(s.get("static.auto_provision.repeat.minutes")) * 60;
        }
        if ("0".equals(s.get("account.1.enable"))) account = null;
        if ("1".equals(s.get("account.1.enable"))) {
            account = new Account(
                    s.get("account.1.user_name"),
                    s.get("account.1.auth_name"),
                    s.get("account.1.password"),
                    s.get("account.1.sip_server.1.address"),
                    Integer.parseInt(s.get("account.1.sip_server.1.port")));
        }
    }

    /** {@code key = value} lines; {@code #} starts a comment (Administrator Guide, CFG file format). */
    static Map<String, String> settings(String cfg) {
        Map<String, String> s = new LinkedHashMap<>();
        for (String line : cfg.split("\r?\n")) {
            if (line.startsWith("#") || !line.contains("=")) continue;
            int eq = line.indexOf('=');
            s.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return s;
    }

    private static String colons(String mac) {
        return mac.replaceAll("(..)(?!$)", "$1:");
    }
}
