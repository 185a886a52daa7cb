package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.testsupport.TlsProbe;
import org.tandem.pbx.testsupport.TestCertificates;

/**
 * The admin replaces the self-signed appliance certificate (issue 22, finding 10): a signing request made on
 * the appliance, signed by a CA (this test), installed without ever moving the key; HTTPS presents it at once,
 * and only now sends HSTS (RFC 6797). Wrong uploads are refused with what is wrong.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertificateUploadIT {

    private static final int HTTPS = FreePorts.udpAndTcp();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    // own appliance: HTTPS on (startup flag), and it replaces the appliance certificate
    static final TandemExtension tandem = new TandemExtension("--tandem.https-port=" + HTTPS);

    private static String base() {
        return "https://" + TandemProcess.HOST + ":" + HTTPS;
    }

    private static Https.Reply api(String method, String path, Object body) throws Exception {
        return Https.send(
                method,
                base() + path,
                tandem.process().adminPassword(),
                body == null ? null : JSON.writeValueAsString(body));
    }

    @Test
    @Order(1)
    void theSelfSignedCertificateGetsNoHsts() throws Exception {
        JsonNode current = JSON.readTree(api("GET", "/api/v1/certificate", null).body());
        assertThat(current.get("selfSigned").asBoolean()).isTrue();
        assertThat(Https.send("GET", base() + "/login", null, null).header("Strict-Transport-Security"))
                .isNull();
    }

    @Test
    @Order(2)
    void uploadsThatDoNotFitAreRefusedWithTheReason() throws Exception {
        Https.Reply notPem = api("PUT", "/api/v1/certificate", Map.of("certificate", "hello", "privateKey", "x"));
        assertThat(notPem.status()).isEqualTo(400);
        assertThat(notPem.body()).contains("certificate");

        var someone = TestCertificates.selfSigned("CN=other.test", "dns:other.test");
        var mine = TestCertificates.selfSigned("CN=pbx.test", "dns:pbx.test");
        Https.Reply wrongKey = api(
                "PUT",
                "/api/v1/certificate",
                Map.of(
                        "certificate",
                        pem(mine.certificate()),
                        "privateKey",
                        pem(someone.keys().getPrivate())));
        assertThat(wrongKey.status()).isEqualTo(400);
        assertThat(wrongKey.body()).contains("does not belong to the certificate");

        Https.Reply noRequest = api("PUT", "/api/v1/certificate", Map.of("certificate", pem(mine.certificate())));
        assertThat(noRequest.status())
                .as("no key and no signing request waiting")
                .isEqualTo(400);
    }

    @Test
    @Order(3)
    void aCaSignedCertificateFromTheSigningRequestIsServedAtOnceWithHsts() throws Exception {
        Https.Reply csr = api(
                "POST",
                "/api/v1/certificate/signing-request",
                Map.of("commonName", "pbx.office.test", "alternativeNames", java.util.List.of("127.0.0.1")));
        assertThat(csr.status()).as(csr.body()).isEqualTo(200);
        String request = JSON.readTree(csr.body()).get("csr").asText();
        assertThat(request).startsWith("-----BEGIN CERTIFICATE REQUEST-----");

        var ca = TestCertificates.selfSigned("CN=Office Test CA");
        X509Certificate issued = sign(request, ca);
        Https.Reply installed =
                api("PUT", "/api/v1/certificate", Map.of("certificate", pem(issued) + pem(ca.certificate())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(200);
        JsonNode view = JSON.readTree(installed.body());
        assertThat(view.get("selfSigned").asBoolean()).isFalse();
        assertThat(view.get("chainLength").asInt()).isEqualTo(2);

        X509Certificate served = TlsProbe.serverCertificate(TandemProcess.HOST, HTTPS);
        assertThat(served)
                .as("HTTPS presents the new certificate without a restart")
                .isEqualTo(issued);
        assertThat(Https.send("GET", base() + "/login", null, null).header("Strict-Transport-Security"))
                .isEqualTo("max-age=31536000");
        HttpResponse<String> plain = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(tandem.process().httpUri("/login"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(plain.headers().firstValue("Strict-Transport-Security"))
                .as("never over plain HTTP")
                .isEmpty();
    }

    /** The CA's part: a server certificate for the request's subject and its requested names. */
    private static X509Certificate sign(String csrPem, TestCertificates.Issued ca) throws Exception {
        PKCS10CertificationRequest csr;
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            csr = (PKCS10CertificationRequest) parser.readObject();
        }
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                new JcaX509CertificateHolder(ca.certificate()).getSubject(),
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(90))),
                csr.getSubject(),
                csr.getSubjectPublicKeyInfo());
        Extensions requested =
                Extensions.getInstance(csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0]
                        .getAttrValues()
                        .getObjectAt(0));
        builder.addExtension(requested.getExtension(Extension.subjectAlternativeName));
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA")
                        .build(ca.keys().getPrivate())));
    }

    private static String pem(Object o) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }
}
