package org.tandem.appliance.tls;

import java.net.InetAddress;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;
import org.tandem.pbx.sip.TlsPolicy;
import org.tandem.provisioning.ProvisioningProperties;

/**
 * The HTTPS connector ({@code tandem.https-port}) beside plain HTTP on {@code server.port}: the
 * same application (admin UI, portal, API, {@code /prov/}) with the appliance certificate, and the TLS policy
 * of SIP-TLS ({@link TlsPolicy}: TLS 1.3, and TLS 1.2 with ECDHE + AEAD only; issue 22, finding 9).
 */
@Component
class ApplianceHttps implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final HttpsProperties https;
    private final ProvisioningProperties provisioning;
    private final ApplianceCertificate certificate;
    private final ServerProperties server;

    ApplianceHttps(
            HttpsProperties https,
            ProvisioningProperties provisioning,
            ApplianceCertificate certificate,
            ServerProperties server) {
        this.https = https;
        this.provisioning = provisioning;
        this.certificate = certificate;
        this.server = server;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        int port = https.port(provisioning);
        if (port == 0) return;
        Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        connector.setPort(port);
        connector.setScheme("https");
        connector.setSecure(true);
        InetAddress address = server.getAddress();
        if (address != null) connector.setProperty("address", address.getHostAddress());
        AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
        protocol.setSSLEnabled(true);
        SSLHostConfig ssl = sslHostConfig();
        SSLHostConfigCertificate cert = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
        useCertificate(cert);
        ssl.addCertificate(cert);
        protocol.addSslHostConfig(ssl);
        factory.addAdditionalTomcatConnectors(connector);
        certificate.onChange(() -> {
            useCertificate(cert);
            protocol.reloadSslHostConfigs();
        });
    }

    /**
     * The appliance certificate as it is now, handed over as a store in memory: the PKCS#12 file is read and its key
     * decrypted once, by {@link ApplianceCertificate}, instead of again by Tomcat (issue 23, cold start).
     */
    private void useCertificate(SSLHostConfigCertificate cert) {
        cert.setCertificateKeystore(certificate.serverKeyStore());
        cert.setCertificateKeystorePassword(certificate.password());
        cert.setCertificateKeystoreType(ApplianceCertificate.SERVER_STORE_TYPE);
    }

    private SSLHostConfig sslHostConfig() {
        SSLHostConfig ssl = new SSLHostConfig();
        // Tomcat's syntax: protocols joined by '+'; cipher suites as a comma-separated list of JSSE names
        ssl.setProtocols(String.join("+", TlsPolicy.protocols()));
        ssl.setCiphers(String.join(",", TlsPolicy.cipherSuites()));
        ssl.setHonorCipherOrder(true);
        return ssl;
    }
}
