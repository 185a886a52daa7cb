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
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.List;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.security.Roles;

/**
 * The appliance certificate (HTTPS and SIP-TLS): what is installed, a signing request for a CA (the key stays
 * on the appliance), and installing the CA's answer or a certificate with its key (issue 22, finding 10).
 * Only ADMIN accounts change it; an OPERATOR sees it.
 */
@Route(value = "certificate", layout = MainLayout.class)
@PageTitle("Certificate · Tandem")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class CertificateView extends VerticalLayout {

    private final CertificateAdmin certificates;
    private final Div current = new Div();
    private final Div outcome = new Div();

    public CertificateView(CertificateAdmin certificates, AuthenticationContext auth) {
        this.certificates = certificates;
        boolean admin = auth.hasRole(Roles.ADMIN);
        current.setId("certificate-current");
        outcome.setId("certificate-outcome");
        add(new H2("Certificate"), new Paragraph("HTTPS (this page, the API, phone provisioning) and SIP-TLS present "
                + "this certificate. Browsers and phones warn about the self-signed one made at first start; install "
                + "one from your CA and HTTPS also tells browsers to use only HTTPS from then on (HSTS)."), current);
        showCurrent();
        if (!admin) return;

        TextField commonName = new TextField("Host name (CN)");
        commonName.setId("csr-common-name");
        commonName.setPlaceholder("pbx.example.com");
        TextField otherNames = new TextField("Other names and addresses (comma separated)");
        otherNames.setId("csr-other-names");
        otherNames.setWidthFull();
        TextArea csr = new TextArea("Signing request for your CA");
        csr.setId("csr-pem");
        csr.setReadOnly(true);
        csr.setWidthFull();
        csr.setVisible(false);
        Button request = new Button("Make signing request", e -> attempt(() -> {
            csr.setValue(certificates.signingRequest(commonName.getValue().strip(), split(otherNames.getValue())));
            csr.setVisible(true);
            outcome.setText("Give the request to your CA, then install its answer below without a key.");
        }));
        request.setId("csr-make");

        TextArea chain = new TextArea("Certificate (PEM: the server certificate first, then intermediates)");
        chain.setId("install-certificate");
        chain.setWidthFull();
        TextArea key = new TextArea("Private key (PEM; leave empty for the answer to the signing request)");
        key.setId("install-key");
        key.setWidthFull();
        Button install = new Button("Install certificate", e -> attempt(() -> {
            certificates.install(chain.getValue(), key.getValue());
            key.clear();
            showCurrent();
            outcome.setText("Installed. HTTPS uses it now, SIP-TLS after the next restart.");
        }));
        install.setId("install-button");
        install.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        add(new H3("Request a certificate from a CA"), commonName, otherNames, request, csr,
                new H3("Install a certificate"), chain, key, install, outcome);
    }

    /** In the appliance's zone like every other time on these pages (issue 17, defect 4), not the raw UTC instant. */
    private static final org.tandem.webui.ZonedFormat VALID_UNTIL = org.tandem.webui.ZonedFormat.of("yyyy-MM-dd HH:mm");

    private void showCurrent() {
        CertificateAdmin.Summary c = certificates.current();
        current.removeAll();
        current.add(new Paragraph("Subject: " + c.subject()), new Paragraph("Issuer: " + c.issuer()
                + (c.selfSigned() ? " (self-signed)" : "")), new Paragraph("Names: " + String.join(", ", c.names())),
                new Paragraph("Valid until: " + VALID_UNTIL.format(c.notAfter()) + " " + org.tandem.webui.ZonedFormat.zoneLabel()));
        if (c.configuredInFile()) {
            current.add(new Paragraph("Set in the configuration file (tandem.sip.tls-keystore): replace it there."));
        }
    }

    private void attempt(Runnable action) {
        try {
            action.run();
        } catch (InvalidInputException e) {
            outcome.setText(String.join("; ", e.fieldErrors().entrySet().stream()
                    .map(f -> f.getKey() + " " + f.getValue()).toList()));
        }
    }

    private static List<String> split(String names) {
        return Arrays.stream(names.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
