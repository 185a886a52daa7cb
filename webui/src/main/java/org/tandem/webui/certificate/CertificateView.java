package org.tandem.webui.certificate;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.List;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/**
 * The appliance certificate (HTTPS and SIP-TLS): what is installed, a signing request for a CA (the key stays
 * on the appliance), and installing the CA's answer or a certificate with its key (issue 22, finding 10).
 * Only ADMIN accounts change it; an OPERATOR sees it.
 */
@Route(value = "certificate", layout = MainLayout.class)
@PageName("Certificate")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class CertificateView extends VerticalLayout implements TranslatedTitle {

    private final CertificateAdmin certificates;
    private final Div current = new Div();
    private final Div outcome = new Div();

    public CertificateView(CertificateAdmin certificates, AuthenticationContext auth) {
        this.certificates = certificates;
        boolean admin = auth.hasRole(Roles.ADMIN);
        current.setId("certificate-current");
        outcome.setId("certificate-outcome");
        add(new H2(getTranslation("page.certificate")), new Paragraph(getTranslation("certificate.hint")), current);
        showCurrent();
        if (!admin) return;

        TextField commonName = new TextField(getTranslation("certificate.common-name"));
        commonName.setId("csr-common-name");
        commonName.setPlaceholder("pbx.example.com");
        TextField otherNames = new TextField(getTranslation("certificate.other-names"));
        otherNames.setId("csr-other-names");
        otherNames.setWidthFull();
        TextArea csr = new TextArea(getTranslation("certificate.csr"));
        csr.setId("csr-pem");
        csr.setReadOnly(true);
        csr.setWidthFull();
        csr.setVisible(false);
        Button request = new Button(
                getTranslation("certificate.make-request"),
                e -> attempt(() -> {
                    csr.setValue(
                            certificates.signingRequest(commonName.getValue().strip(), split(otherNames.getValue())));
                    csr.setVisible(true);
                    outcome.setText(getTranslation("certificate.request-made"));
                }));
        request.setId("csr-make");

        TextArea chain = new TextArea(getTranslation("certificate.chain"));
        chain.setId("install-certificate");
        chain.setWidthFull();
        TextArea key = new TextArea(getTranslation("certificate.key"));
        key.setId("install-key");
        key.setWidthFull();
        Button install = new Button(
                getTranslation("certificate.install"),
                e -> attempt(() -> {
                    certificates.install(chain.getValue(), key.getValue());
                    key.clear();
                    showCurrent();
                    outcome.setText(getTranslation("certificate.installed"));
                }));
        install.setId("install-button");
        install.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        add(
                new H3(getTranslation("certificate.request-title")),
                commonName,
                otherNames,
                request,
                csr,
                new H3(getTranslation("certificate.install-title")),
                chain,
                key,
                install,
                outcome);
    }

    /** In the appliance's zone like every other time on these pages (issue 17, defect 4), not the raw UTC instant. */
    private static final ZonedFormat VALID_UNTIL = ZonedFormat.of("yyyy-MM-dd HH:mm");

    private void showCurrent() {
        CertificateAdmin.Summary c = certificates.current();
        current.removeAll();
        current.add(
                new Paragraph(getTranslation("certificate.subject", c.subject())),
                new Paragraph(getTranslation(
                        c.selfSigned() ? "certificate.issuer-self-signed" : "certificate.issuer", c.issuer())),
                new Paragraph(getTranslation("certificate.names", String.join(", ", c.names()))),
                new Paragraph(getTranslation(
                        "certificate.valid-until", VALID_UNTIL.format(c.notAfter()), ZonedFormat.zoneLabel())));
        if (c.configuredInFile()) {
            current.add(new Paragraph(getTranslation("certificate.in-file")));
        }
    }

    private void attempt(Runnable action) {
        try {
            action.run();
        } catch (InvalidInputException e) {
            outcome.setText(String.join(
                    "; ",
                    e.fieldErrors(getLocale()).entrySet().stream()
                            .map(f -> f.getKey() + " " + f.getValue())
                            .toList()));
        }
    }

    private static List<String> split(String names) {
        return Arrays.stream(names.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
