package org.tandem.webui.certificate;

import java.time.Instant;
import java.util.List;

/**
 * The appliance certificate as the Certificate page sees it; the appliance implements it (HTTPS and SIP-TLS
 * live there). Bad input is reported as {@code org.tandem.pbx.validation.InvalidInputException} by field.
 */
public interface CertificateAdmin {

    record Summary(
            String subject,
            String issuer,
            List<String> names,
            Instant notAfter,
            boolean selfSigned,
            boolean configuredInFile) {}

    Summary current();

    /** A PKCS#10 request in PEM; its key stays on the appliance for {@link #install} without a key. */
    String signingRequest(String commonName, List<String> alternativeNames);

    /** Installs a PEM chain (server certificate first) with its PEM key, or without one for the last request's key. */
    Summary install(String chainPem, String keyPem);
}
