package org.tandem.pbx.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The domain in force: hosts compare without case (RFC 3261 §19.1.4), and a change takes effect at once. */
class SipDomainTest {

    @Test
    void aHostIsTheDomainInAnyLetterCase() {
        SipDomain domain = new SipDomain(" Office.Example.COM ");

        assertThat(domain.current()).isEqualTo("Office.Example.COM");
        assertThat(domain.is("office.example.com")).isTrue();
        assertThat(domain.is("OFFICE.EXAMPLE.COM")).isTrue();
        assertThat(domain.is("office.example.co")).isFalse();
        assertThat(domain.is("other.example.com")).isFalse();
        assertThat(domain.is(null)).isFalse();
    }

    @Test
    void aChangedDomainIsTheOneInForce() {
        SipDomain domain = new SipDomain("pbx.local");

        domain.change("  Office.Example.com");
        domain.change("   "); // blank: kept

        assertThat(domain.is("office.example.com")).isTrue();
        assertThat(domain.is("pbx.local")).isFalse();
    }
}
