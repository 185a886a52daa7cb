package org.tandem.webui.portal.phone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The portal's Phone tab (issue 16): the browser becomes one more device of the user's extension — SIP over
 * WebSocket (RFC 7118) at this origin's {@code /ws}, WebRTC media that the appliance's relay terminates (ICE-lite,
 * DTLS-SRTP) and bridges to desk phones, trunks and the media services. The SIP itself is JsSIP's (npm), in the
 * {@code tandem-phone} element. The user's own SIP secret is handed to the element as a property: it reaches only the
 * logged-in user's page over the session and is never rendered.
 */
@Tag("tandem-phone")
@NpmPackage(value = "jssip", version = "3.10.1")
@JsModule("./phone/tandem-phone.js")
public class PortalPhone extends Component {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A host name, an IPv4 address or an IPv6 literal (with or without brackets): nothing else goes into a TURN URI. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[?[0-9A-Fa-f:.]{2,45}]?");

    /** The element's texts ({@code portal.phone.<key>} in ui*.properties), sent in the page's language. */
    static final List<String> TEXTS = List.of(
            "not-connected",
            "connect",
            "disconnect",
            "number",
            "call",
            "hang-up",
            "incoming",
            "answer",
            "decline",
            "resume",
            "hold",
            "unmute",
            "mute",
            "transfer-to",
            "transfer",
            "microphone",
            "speaker",
            "no-https",
            "no-microphone",
            "microphone-denied",
            "connecting",
            "ready",
            "register-failed",
            "connection-lost",
            "speaker-unusable",
            "ringing",
            "call-from",
            "calling",
            "in-call",
            "transferring",
            "transfer-refused",
            "transfer-failed",
            "hold-not-now",
            "log-from",
            "log-to");
    /** Handed to MessageFormat so that a text keeps its placeholders for the browser (and loses the '' escapes). */
    private static final Object[] PLACEHOLDERS = {"{0}", "{1}", "{2}"};

    private final String extension;
    private final TurnCredentials turn;

    public PortalPhone(String extension, String domain, String sipSecret, TurnCredentials turn) {
        this.extension = extension;
        this.turn = turn;
        setId("portal-phone");
        getElement().setProperty("extension", extension);
        getElement().setProperty("domain", domain);
        getElement().setProperty("secret", sipSecret == null ? "" : sipSecret);
        getElement().setPropertyJson("texts", texts());
    }

    private ObjectNode texts() {
        ObjectNode texts = JSON.createObjectNode();
        for (String key : TEXTS) {
            String text = getTranslation("portal.phone." + key);
            if (text.contains("{")) text = getTranslation("portal.phone." + key, PLACEHOLDERS);
            texts.put(key, text);
        }
        return texts;
    }

    /**
     * The page asks before each call: {@code {"iceServers":[...],"relayOnly":false}} with a TURN credential made now
     * for this user only (the extension comes from the session, never from the page).
     *
     * @param pageHost {@code location.hostname}: where a TURN server on the appliance is reached from this browser
     */
    @ClientCallable
    public String iceServers(String pageHost) {
        String host = pageHost != null && HOST.matcher(pageHost).matches() ? pageHost : null;
        List<TurnCredentials.IceServer> servers = turn == null ? List.of() : turn.forUser(extension, host);
        try {
            return JSON.writeValueAsString(
                    Map.of("iceServers", servers, "relayOnly", turn != null && turn.relayOnly()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
