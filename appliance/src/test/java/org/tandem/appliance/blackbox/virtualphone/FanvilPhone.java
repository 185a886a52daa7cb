package org.tandem.appliance.blackbox.virtualphone;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Fanvil X series, per Fanvil's Auto Provisioning Guide (VOIP_CONFIG_FILE 2.0002, AUTOUPDATE_CONFIG_MODULE):
 * <ul>
 * <li>Server: the stored {@code Download_Server_IP}, fetched with {@code Download_Protocol} (2 TFTP, 4 HTTP,
 *     5 HTTPS); a DHCP option (66 by default) overrides it unless {@code DHCP_Option} is 0.</li>
 * <li>File: {@code Config_File_Name}, {@code $mac.cfg} = {@code <mac>.cfg}; a setting not in the file keeps
 *     its value.</li>
 * <li>Polling: {@code Download_Mode} 2 = at power-on and every {@code Download_Interval} hours (1: power-on only).</li>
 * </ul>
 */
public final class FanvilPhone extends VirtualPhone {

    public FanvilPhone(String mac, String source, int httpPort) {
        super(mac, source, "Fanvil X4U 2.10.2.6887 " + mac, httpPort);
    }

    @Override
    protected void runSequence(String server) {
        String xml = get(server + mac + ".cfg");
        if (xml != null) apply(parse(xml));
    }

    private void apply(Element root) {
        String url = text(root, "Download_Server_IP");
        if (url != null) {
            String scheme = switch (text(root, "Download_Protocol") == null ? "4" : text(root, "Download_Protocol")) {
                case "2" -> "tftp";
                case "5" -> "https";
                case "1" -> "ftp";
                default -> "http";
            };
            URI stored = URI.create(url.contains("://") ? url : "http://" + url);
            storedServer = scheme + "://" + stored.getRawAuthority() + stored.getRawPath();
        }
        if (text(root, "DHCP_Option") != null) dhcpOverridesStored = !"0".equals(text(root, "DHCP_Option"));
        if ("2".equals(text(root, "Download_Mode"))) pollSeconds = Long.parseLong(text(root, "Download_Interval")) * 3600;
        if ("1".equals(text(root, "Download_Mode"))) pollSeconds = null;
        NodeList lines = root.getElementsByTagName("SIP_Line_List_Entry");
        for (int i = 0; i < lines.getLength(); i++) {
            Element line = (Element) lines.item(i);
            if (!"SIP1".equals(text(line, "ID"))) continue;
            if ("0".equals(text(line, "Enable_Reg"))) account = null;
            if ("1".equals(text(line, "Enable_Reg"))) {
                account = new Account(text(line, "Phone_Number"), text(line, "Register_User"), text(line, "Register_Pswd"),
                        text(line, "Register_Addr"), Integer.parseInt(text(line, "Register_Port")));
            }
        }
    }

    private static String text(Element in, String tag) {
        NodeList n = in.getElementsByTagName(tag);
        return n.getLength() == 0 ? null : n.item(0).getTextContent().strip();
    }

    private static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("not a Fanvil VOIP_CONFIG_FILE: " + e.getMessage() + "\n" + xml, e);
        }
    }
}
