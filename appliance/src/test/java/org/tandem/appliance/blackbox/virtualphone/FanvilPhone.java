package org.tandem.appliance.blackbox.virtualphone;

import java.net.URI;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Fanvil X series: it asks for {@code <mac>.cfg} and reads one of two XML formats by its firmware generation.
 * <ul>
 * <li>X1S/X3S/X3U: {@code <VOIP_CONFIG_FILE>} (Fanvil Auto Provisioning Guide, version 2.0002):
 *     {@code AUTOUPDATE_CONFIG_MODULE} {@code Download_Server_IP}, {@code Download_Protocol},
 *     {@code Download_Mode}/{@code Download_Interval}, {@code DHCP_Option}; lines in {@code SIP_Line_List_Entry}.</li>
 * <li>X4U/X5U/X6U/X7 (firmware 2.x): {@code <sysConf>} (what wazo-provd writes for exactly these models):
 *     {@code <ap>} {@code FlashServerIP}, {@code FlashProtocol}, {@code FlashMode}/{@code FlashInterval},
 *     {@code <opt><DHCPOption>}; lines in {@code <sip><line index>}. A file in the older format is not one
 *     these phones are known to read.</li>
 * </ul>
 * Both: the stored server, fetched with the protocol code (2 TFTP, 4 HTTP, 5 HTTPS); a DHCP option (66 by
 * default) overrides it unless the DHCP option setting is 0; mode 2 = at power-on and every interval hours,
 * 1 = power-on only; a setting not in the file keeps its value.
 */
public final class FanvilPhone extends VirtualPhone {

    private static final Set<String> SYSCONF_MODELS = Set.of("X4U", "X5U", "X6U", "X7");

    private final boolean sysConf;

    public FanvilPhone(String model, String mac, String source, int httpPort) {
        super(mac, source, "Fanvil " + model + " 2.10.2.6887 " + mac, httpPort);
        this.sysConf = SYSCONF_MODELS.contains(model);
    }

    @Override
    protected void runSequence(String server) {
        String xml = get(server + mac + ".cfg");
        if (xml == null) return;
        Element root = xmlRoot(xml, "Fanvil XML");
        String expected = sysConf ? "sysConf" : "VOIP_CONFIG_FILE";
        if (!expected.equals(root.getTagName())) {
            throw new AssertionError("this Fanvil reads <" + expected + ">, got <" + root.getTagName() + ">:\n" + xml);
        }
        if (sysConf) {
            Element ap = child(root, "ap");
            Element opt = ap == null ? null : child(ap, "opt");
            autoProvisioning(
                    ap == null ? null : text(ap, "FlashServerIP"),
                    ap == null ? null : text(ap, "FlashProtocol"),
                    ap == null ? null : text(ap, "FlashMode"),
                    ap == null ? null : text(ap, "FlashInterval"),
                    opt == null ? null : text(opt, "DHCPOption"));
            lineOne(
                    root,
                    "line",
                    "index",
                    "1",
                    "EnableReg",
                    "PhoneNumber",
                    "RegisterUser",
                    "RegisterPswd",
                    "RegisterAddr",
                    "RegisterPort");
        } else {
            autoProvisioning(
                    text(root, "Download_Server_IP"),
                    text(root, "Download_Protocol"),
                    text(root, "Download_Mode"),
                    text(root, "Download_Interval"),
                    text(root, "DHCP_Option"));
            lineOne(
                    root,
                    "SIP_Line_List_Entry",
                    null,
                    "SIP1",
                    "Enable_Reg",
                    "Phone_Number",
                    "Register_User",
                    "Register_Pswd",
                    "Register_Addr",
                    "Register_Port");
        }
    }

    private void autoProvisioning(String url, String protocol, String mode, String interval, String dhcpOption) {
        if (url != null) {
            String scheme = switch (protocol == null ? "4" : protocol) {
                case "2" -> "tftp";
                case "5" -> "https";
                case "1" -> "ftp";
                default -> "http";
            };
            URI stored = URI.create(url.contains("://") ? url : "http://" + url);
            storedServer = scheme + "://" + stored.getRawAuthority() + stored.getRawPath();
        }
        if (dhcpOption != null) dhcpOverridesStored = !"0".equals(dhcpOption);
        if ("2".equals(mode)) pollSeconds = Long.parseLong(interval) * 3600;
        if ("1".equals(mode)) pollSeconds = null;
    }

    /** Account 1: the entry whose {@code indexAttribute} (or ID element) is {@code one}. */
    private void lineOne(
            Element root,
            String entryTag,
            String indexAttribute,
            String one,
            String enable,
            String number,
            String user,
            String password,
            String server,
            String port) {
        NodeList lines = root.getElementsByTagName(entryTag);
        for (int i = 0; i < lines.getLength(); i++) {
            Element line = (Element) lines.item(i);
            String id = indexAttribute != null ? line.getAttribute(indexAttribute) : text(line, "ID");
            if (!one.equals(id)) continue;
            if ("0".equals(text(line, enable))) account = null;
            if ("1".equals(text(line, enable))) {
                account = new Account(
                        text(line, number),
                        text(line, user),
                        text(line, password),
                        text(line, server),
                        Integer.parseInt(text(line, port)));
            }
        }
    }

    private static Element child(Element in, String tag) {
        NodeList n = in.getElementsByTagName(tag);
        return n.getLength() == 0 ? null : (Element) n.item(0);
    }

    private static String text(Element in, String tag) {
        NodeList n = in.getElementsByTagName(tag);
        return n.getLength() == 0 ? null : n.item(0).getTextContent().strip();
    }
}
