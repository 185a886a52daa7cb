package org.tandem.pbx.sip;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.nist.javax.sip.ClientTransactionExt;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.lang.reflect.Proxy;
import java.security.cert.Certificate;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.testsupport.TestCertificates;

/**
 * Trunk TLS checks the provider's host name (issue 22, finding 9; RFC 5922 §7.2): JAIN-SIP hands the policy the
 * client transaction whose request opened the connection, after the chain was verified against the CAs.
 */
class ServerIdentityPolicyTest {

    private final ServerIdentityPolicy policy = new ServerIdentityPolicy();
    private final Certificate providerCert = TestCertificates.selfSigned(
                    "CN=sip.provider.example", "dns:sip.provider.example")
            .certificate();

    @Test
    void aConnectionToTheProviderNamedInTheRequestUriIsKept() throws Exception {
        ClientTransactionExt tx =
                transaction(request("INVITE sip:0301234567@sip.provider.example;transport=tls", null));
        assertThatCode(() -> policy.enforceTlsPolicy(tx)).doesNotThrowAnyException();
    }

    @Test
    void aCertificateForAnotherHostClosesTheConnection() throws Exception {
        ClientTransactionExt tx = transaction(request("REGISTER sip:sip.attacker.example;transport=tls", null));
        assertThatThrownBy(() -> policy.enforceTlsPolicy(tx))
                .isInstanceOf(SecurityException.class)
                .hasMessageContaining("sip.attacker.example")
                .hasMessageContaining("dns:sip.provider.example");
    }

    @Test
    void theTopRouteIsTheHostWeMeantToReach() throws Exception {
        ClientTransactionExt viaProxy = transaction(
                request("INVITE sip:0301234567@voip.example", "<sip:sip.provider.example;transport=tls;lr>"));
        assertThatCode(() -> policy.enforceTlsPolicy(viaProxy)).doesNotThrowAnyException();
        ClientTransactionExt wrongProxy = transaction(request(
                "INVITE sip:0301234567@sip.provider.example", "<sip:proxy.elsewhere.example;transport=tls;lr>"));
        assertThatThrownBy(() -> policy.enforceTlsPolicy(wrongProxy)).isInstanceOf(SecurityException.class);
    }

    private static Request request(String requestLine, String route) throws Exception {
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String text = requestLine + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 192.0.2.1:5061;branch=z9hG4bK-1\r\n"
                + (route == null ? "" : "Route: " + route + "\r\n")
                + "Max-Forwards: 70\r\nFrom: <sip:office@voip.example>;tag=1\r\nTo: <sip:office@voip.example>\r\n"
                + "Call-ID: policy-test\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n";
        return new MessageFactoryImpl().createRequest(text);
    }

    private ClientTransactionExt transaction(Request request) {
        return (ClientTransactionExt) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ClientTransactionExt.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequest" -> request;
                    case "getPeerCertificates" -> new Certificate[] {providerCert};
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
