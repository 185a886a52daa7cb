package org.tandem.appliance.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.springframework.stereotype.Component;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Certificate signing requests (PKCS#10, RFC 2986) for the appliance certificate: a fresh RSA 2048 key stays on
 * the appliance ({@code <data-dir>/tls/request.key}, 0600) and the request carries the host names as subject
 * alternative names (what browsers and phones check, RFC 6125 §6.4.4). The CA's answer is then installed
 * with {@link CertificateInstaller#install} without a key. A newer request replaces the waiting one.
 */
@Component
public class SigningRequests {

    private static final Pattern HOST =
            Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final CertificateInstaller installer;

    SigningRequests(CertificateInstaller installer) {
        this.installer = installer;
    }

    /**
     * @param commonName  the main host name (CN, and the first alternative name)
     * @param otherNames  further host names or IP addresses the appliance is reached by
     * @return the request in PEM ("-----BEGIN CERTIFICATE REQUEST-----")
     */
    public synchronized String create(String commonName, List<String> otherNames) {
        if (commonName == null || !HOST.matcher(commonName).matches()) {
            throw new InvalidInputException("commonName", "certificate.common-name");
        }
        LinkedHashSet<String> hosts = new LinkedHashSet<>();
        hosts.add(commonName);
        if (otherNames != null)
            hosts.addAll(otherNames.stream()
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList());
        for (String host : hosts) {
            if (!isAddress(host) && !HOST.matcher(host).matches()) {
                throw new InvalidInputException("alternativeNames", "certificate.alternative-name", host);
            }
        }
        KeyPair keys = CertificateInstaller.newKeyPair();
        try {
            Path pending = installer.pendingKey();
            SecureFiles.ensurePrivateDirectory(pending.getParent());
            String request = Pkcs10.request(commonName, hosts, keys);
            SecureFiles.writeAtomically(
                    pending, CertificateInstaller.pem(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII));
            return request;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make the signing request: " + e.getMessage(), e);
        }
    }

    private static boolean isAddress(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    /**
     * The request itself, built with BouncyCastle in a class of its own: linking a class that names BouncyCastle's
     * types loads some of them, and the first class from its signed jars makes the JVM verify those jars' signatures
     * (~0.1-0.3 s of CPU), which a start should not pay for a request made seldom, if ever (issue 23, cold start).
     */
    private static final class Pkcs10 {

        static String request(String commonName, Collection<String> hosts, KeyPair keys) throws IOException {
            List<GeneralName> names = new ArrayList<>();
            for (String host : hosts) {
                names.add(new GeneralName(isAddress(host) ? GeneralName.iPAddress : GeneralName.dNSName, host));
            }
            try {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
                PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                                new X500NameBuilder(BCStyle.INSTANCE)
                                        .addRDN(BCStyle.CN, commonName)
                                        .build(),
                                keys.getPublic())
                        .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
                return CertificateInstaller.pem(request);
            } catch (OperatorCreationException e) {
                throw new IllegalStateException("Cannot make the signing request: " + e.getMessage(), e);
            }
        }
    }
}
