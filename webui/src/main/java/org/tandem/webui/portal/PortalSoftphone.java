package org.tandem.webui.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Base64;
import org.tandem.pbx.welcome.QrCode;
import org.tandem.pbx.welcome.SoftphoneLinks;
import org.tandem.pbx.welcome.SoftphoneSetup;
import org.tandem.webui.WebAddress;

/**
 * "Set up a softphone" (issue 17): a QR code that the user's softphone app scans to set itself up, the same as the
 * welcome e-mail's. Each press makes a fresh one-time address and the user's older unused ones stop working; nothing
 * is made before the press (an open portal holds no working address).
 */
final class PortalSoftphone extends VerticalLayout {

    PortalSoftphone(String extension, SoftphoneSetup setup) {
        setPadding(false);
        Paragraph intro = new Paragraph(
                getTranslation("portal.softphone.intro", setup.appName(), SoftphoneLinks.VALID_FOR.toDays()));
        Image qr = new Image();
        qr.setId("softphone-qr");
        qr.setWidth("240px");
        qr.setHeight("240px");
        qr.setVisible(false);
        TextField address = new TextField(getTranslation("portal.softphone.address"));
        address.setId("softphone-setup-url");
        address.setReadOnly(true);
        address.setWidthFull();
        address.setVisible(false);
        Button show = new Button(getTranslation("portal.softphone.show"), e -> {
            String url = setup.setupUrl(extension, WebAddress.base());
            qr.setSrc("data:image/png;base64," + Base64.getEncoder().encodeToString(QrCode.png(url, 480)));
            qr.setAlt(getTranslation("portal.softphone.qr-alt", setup.appName()));
            qr.setVisible(true);
            address.setValue(url);
            address.setVisible(true);
        });
        show.setId("softphone-setup");
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(intro, show, qr, address);
    }
}
