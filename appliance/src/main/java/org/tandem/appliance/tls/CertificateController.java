package org.tandem.appliance.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The appliance certificate (HTTPS and SIP-TLS; issue 22, finding 10):
 * <ul>
 * <li>{@code GET /api/v1/certificate} → subject, issuer, names, validity, {@code selfSigned}.</li>
 * <li>{@code POST /api/v1/certificate/signing-request {"commonName":"pbx.example.com","alternativeNames":[...]}}
 *     → {@code {"csr":"-----BEGIN CERTIFICATE REQUEST-----..."}} for a CA; the key stays on the appliance.</li>
 * <li>{@code PUT /api/v1/certificate {"certificate":"PEM chain","privateKey":"PEM"}} installs a certificate
 *     (without {@code privateKey}: the CA's answer to the last signing request). 400 says what is wrong.</li>
 * </ul>
 */
@RestController
@RequestMapping(path = "/api/v1/certificate", produces = "application/json")
public class CertificateController {

    public record CertificateView(
            String subject,
            String issuer,
            List<String> alternativeNames,
            Instant notBefore,
            Instant notAfter,
            boolean selfSigned,
            int chainLength,
            boolean configuredInFile,
            String note) {}

    public record SigningRequestBody(String commonName, List<String> alternativeNames) {}

    public record SigningRequestView(String csr) {}

    public record InstallBody(String certificate, String privateKey) {}

    private final ApplianceCertificate certificate;
    private final CertificateInstaller installer;
    private final SigningRequests requests;

    public CertificateController(
            ApplianceCertificate certificate, CertificateInstaller installer, SigningRequests requests) {
        this.certificate = certificate;
        this.installer = installer;
        this.requests = requests;
    }

    @GetMapping
    public CertificateView current() {
        return view(certificate.chain(), null);
    }

    @PostMapping(path = "/signing-request", consumes = "application/json")
    public SigningRequestView signingRequest(@RequestBody SigningRequestBody body) {
        return new SigningRequestView(requests.create(body.commonName(), body.alternativeNames()));
    }

    @PutMapping(consumes = "application/json")
    public CertificateView install(@RequestBody InstallBody body) {
        return view(
                installer.install(body.certificate(), body.privateKey()),
                "HTTPS serves the new certificate now; SIP-TLS after the next restart");
    }

    private CertificateView view(List<X509Certificate> chain, String note) {
        X509Certificate leaf = chain.get(0);
        List<String> names = new ArrayList<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                leaf.getSubjectAlternativeNames().forEach(n -> names.add(String.valueOf(n.get(1))));
            }
        } catch (CertificateParsingException e) {
            // shown without names
        }
        return new CertificateView(
                leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(),
                names,
                leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(),
                certificate.selfSigned(),
                chain.size(),
                certificate.configuredInFile(),
                note);
    }
}
