package org.tandem.webui.portal.phone;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

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

    public PortalPhone(String extension, String domain, String sipSecret) {
        setId("portal-phone");
        getElement().setProperty("extension", extension);
        getElement().setProperty("domain", domain);
        getElement().setProperty("secret", sipSecret == null ? "" : sipSecret);
    }
}
