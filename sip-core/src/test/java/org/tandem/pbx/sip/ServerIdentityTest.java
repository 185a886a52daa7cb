package org.tandem.pbx.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.testsupport.TestCertificates;

/** RFC 5922 §7.2 / RFC 6125 §6: is the provider's certificate for the host the trunk names? */
class ServerIdentityTest {

    private static X509Certificate cert(String subject, String... sans) {
        return TestCertificates.selfSigned(subject, sans).certificate();
    }

    @Test
    void aDnsNameInTheAlternativeNamesMatchesCaseInsensitively() {
        X509Certificate c = cert("CN=other.example", "dns:sip.provider.example");
        assertThat(ServerIdentity.matches(c, "SIP.Provider.example")).isTrue();
        assertThat(ServerIdentity.matches(c, "sip.provider.example.")).isTrue();
        assertThat(ServerIdentity.matches(c, "evil.example")).isFalse();
        assertThat(ServerIdentity.matches(c, "other.example"))
                .as("CN ignored when there are SANs")
                .isFalse();
    }

    @Test
    void aSipUriNamesTheDomain() {
        X509Certificate c = cert("CN=x", "uri:sip:provider.example");
        assertThat(ServerIdentity.matches(c, "provider.example")).isTrue();
        assertThat(ServerIdentity.matches(c, "sip.provider.example")).isFalse();
    }

    @Test
    void aWildcardCoversOneLeftMostLabel() {
        X509Certificate c = cert("CN=x", "dns:*.provider.example");
        assertThat(ServerIdentity.matches(c, "sip.provider.example")).isTrue();
        assertThat(ServerIdentity.matches(c, "a.b.provider.example")).isFalse();
        assertThat(ServerIdentity.matches(c, "provider.example")).isFalse();
    }

    @Test
    void anAddressLiteralNeedsAnIpEntry() {
        X509Certificate c = cert("CN=203.0.113.5", "dns:203.0.113.5", "ip:198.51.100.7");
        assertThat(ServerIdentity.matches(c, "198.51.100.7")).isTrue();
        assertThat(ServerIdentity.matches(c, "203.0.113.5"))
                .as("a DNS entry never stands for an address")
                .isFalse();
    }

    @Test
    void theCommonNameCountsOnlyWithoutAlternativeNames() {
        X509Certificate c = cert("CN=legacy.provider.example,O=Provider");
        assertThat(ServerIdentity.matches(c, "legacy.provider.example")).isTrue();
        assertThat(ServerIdentity.names(c)).containsExactly("cn:legacy.provider.example");
    }
}
