package org.tandem.appliance.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.tandem.webui.certificate.CertificateAdmin;

/** The web UI's Certificate page, served by the same classes as {@code /api/v1/certificate}. */
@Component
class CertificateAdminAdapter implements CertificateAdmin {

    private final ApplianceCertificate certificate;
    private final CertificateInstaller installer;
    private final SigningRequests requests;

    CertificateAdminAdapter(
            ApplianceCertificate certificate, CertificateInstaller installer, SigningRequests requests) {
        this.certificate = certificate;
        this.installer = installer;
        this.requests = requests;
    }

    @Override
    public Summary current() {
        return summary(certificate.chain().get(0));
    }

    @Override
    public String signingRequest(String commonName, List<String> alternativeNames) {
        return requests.create(commonName, alternativeNames);
    }

    @Override
    public Summary install(String chainPem, String keyPem) {
        return summary(installer.install(chainPem, keyPem).get(0));
    }

    private Summary summary(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                leaf.getSubjectAlternativeNames().forEach(n -> names.add(String.valueOf(n.get(1))));
            }
        } catch (CertificateParsingException e) {
            // shown without names
        }
        return new Summary(
                leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(),
                names,
                leaf.getNotAfter().toInstant(),
                certificate.selfSigned(),
                certificate.configuredInFile());
    }
}
