package org.tandem.appliance.tls;

import java.net.InetAddress;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;
import org.tandem.pbx.sip.SipProperties;
import org.tandem.pbx.sip.SipTlsKeystore;
import org.tandem.provisioning.ProvisioningProperties;

/**
 * A second, HTTPS connector ({@code tandem.provisioning.https-port}) so phones can fetch their
 * configuration (which carries SIP secrets) encrypted: the same application as plain HTTP, with the
 * SIP-TLS certificate (the configured {@code tandem.sip.tls-keystore}, else the self-signed one).
 */
@Component
class ProvisioningHttps implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final ProvisioningProperties props;
    private final SipProperties sip;
    private final ObjectProvider<SipTlsKeystore> selfSigned;
    private final ServerProperties server;

    ProvisioningHttps(ProvisioningProperties props, SipProperties sip, ObjectProvider<SipTlsKeystore> selfSigned,
                      ServerProperties server) {
        this.props = props;
        this.sip = sip;
        this.selfSigned = selfSigned;
        this.server = server;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (props.httpsPort() == 0) return;
        String keystore;
        String password;
        if (sip.tlsKeystore() != null && !sip.tlsKeystore().isBlank()) {
            keystore = sip.tlsKeystore();
            password = sip.tlsKeystorePassword();
        } else {
            SipTlsKeystore k = selfSigned.getObject();
            keystore = k.path().toString();
            password = k.password();
        }
        Connector https = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        https.setPort(props.httpsPort());
        https.setScheme("https");
        https.setSecure(true);
        InetAddress address = server.getAddress();
        if (address != null) https.setProperty("address", address.getHostAddress());
        AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) https.getProtocolHandler();
        protocol.setSSLEnabled(true);
        SSLHostConfig ssl = new SSLHostConfig();
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystoreFile(keystore);
        certificate.setCertificateKeystorePassword(password);
        certificate.setCertificateKeystoreType("PKCS12");
        ssl.addCertificate(certificate);
        protocol.addSslHostConfig(ssl);
        factory.addAdditionalTomcatConnectors(https);
    }

}
