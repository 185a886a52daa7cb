package org.tandem.pbx.presence.internal;

import java.util.Collection;

/**
 * Writes {@code application/dialog-info+xml} (RFC 4235 §4.1). Besides the state, each dialog carries what phones
 * need to pick the call up from the lamp: the Call-ID with the local and remote tags (Yealink's and Polycom's
 * "dialog info call pickup" build {@code Replaces: <call-id>;to-tag=<local-tag>;from-tag=<remote-tag>} from them),
 * and the local and remote identity and target (Snom sends its pickup INVITE to the remote target, with the Call-ID
 * in Replaces; Yealink shows "102 <- 101" from the identities).
 */
final class DialogInfoDocument {

    static final String CONTENT_TYPE = "application";
    static final String CONTENT_SUBTYPE = "dialog-info+xml";
    static final String NAMESPACE = "urn:ietf:params:xml:ns:dialog-info";

    private DialogInfoDocument() {}

    /**
     * @param entity  the watched resource's URI (§4.1.1)
     * @param version this subscription's document version: 0 first, then one more per NOTIFY (§4.1.1)
     * @param full    full state (every current dialog) or partial (only those that changed, §4.1)
     */
    static String write(String entity, long version, boolean full, Collection<DialogView> dialogs) {
        StringBuilder x = new StringBuilder(256 + dialogs.size() * 512);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<dialog-info xmlns=\"")
                .append(NAMESPACE)
                .append("\" version=\"")
                .append(version)
                .append("\" state=\"")
                .append(full ? "full" : "partial")
                .append("\" entity=\"")
                .append(attr(entity))
                .append("\">\n");
        for (DialogView d : dialogs) dialog(x, d);
        x.append("</dialog-info>\n");
        return x.toString();
    }

    private static void dialog(StringBuilder x, DialogView d) {
        x.append("  <dialog id=\"").append(attr(d.id())).append('"');
        if (d.callId() != null) x.append(" call-id=\"").append(attr(d.callId())).append('"');
        if (d.localTag() != null)
            x.append(" local-tag=\"").append(attr(d.localTag())).append('"');
        if (d.remoteTag() != null)
            x.append(" remote-tag=\"").append(attr(d.remoteTag())).append('"');
        if (d.direction() != null)
            x.append(" direction=\"").append(d.direction()).append('"');
        x.append(">\n    <state");
        if (d.event() != null) x.append(" event=\"").append(attr(d.event())).append('"');
        x.append('>').append(d.state()).append("</state>\n");
        // §4.1.6: local before remote, identity before target
        participant(x, "local", d.localUri(), null);
        if (d.remoteUri() != null) participant(x, "remote", d.remoteUri(), d.remoteDisplay());
        x.append("  </dialog>\n");
    }

    private static void participant(StringBuilder x, String element, String uri, String display) {
        x.append("    <").append(element).append(">\n      <identity");
        if (display != null && !display.isBlank())
            x.append(" display=\"").append(attr(display)).append('"');
        x.append('>').append(text(uri)).append("</identity>\n");
        x.append("      <target uri=\"").append(attr(uri)).append("\"/>\n");
        x.append("    </").append(element).append(">\n");
    }

    private static String text(String s) {
        // characters XML 1.0 cannot carry (a display name is the caller's to choose) are dropped
        return s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "")
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;");
    }
}
