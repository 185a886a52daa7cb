package org.tandem.pbx.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IpLiteralsTest {

    /** The expression the seven copies used: the character test must answer as it did. */
    private static final Pattern FORMER = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    @Test
    void addressesAreLiteralsAndNamesAreNot() {
        assertThat(IpLiterals.isIpLiteral("192.168.1.20")).isTrue();
        assertThat(IpLiterals.isIpLiteral("2001:db8::1")).isTrue();
        assertThat(IpLiterals.isIpLiteral("2001:DB8::A")).isTrue();
        assertThat(IpLiterals.isIpLiteral("::ffff:10.0.0.1")).isTrue();
        assertThat(IpLiterals.isIpLiteral("::")).isTrue();
        assertThat(IpLiterals.isIpLiteral("pbx.example.com")).isFalse();
        assertThat(IpLiterals.isIpLiteral("cafe")).isFalse(); // hex letters without a colon: a name
        assertThat(IpLiterals.isIpLiteral("[2001:db8::1]")).isFalse(); // brackets are the caller's to strip
        assertThat(IpLiterals.isIpLiteral("10.0.0.1:5060")).isTrue(); // as before: digits, dots and a colon
        assertThat(IpLiterals.isIpLiteral("")).isFalse();
        assertThat(IpLiterals.isIpLiteral(null)).isFalse();
    }

    @Test
    void answersAsTheFormerExpressionDid() {
        List<String> corpus = List.of(
                "127.0.0.1",
                "10.0.0.7",
                "0.0.0.0",
                "...",
                "1",
                "fe80::1%eth0",
                "fe80::1",
                "FE80::1",
                "a:b",
                "g::1",
                "abc",
                "ABC",
                "192.168.1.1a",
                " 10.0.0.1",
                "10.0.0.1 ",
                "host-1",
                "x",
                ":",
                "1:",
                ":1",
                "1.2.3.4.5",
                "invalid.local",
                "2001:db8:0:0:0:0:2:1",
                "ff",
                "0x7f.1");
        for (String s : corpus) {
            assertThat(IpLiterals.isIpLiteral(s))
                    .as("'%s'", s)
                    .isEqualTo(FORMER.matcher(s).matches());
        }
    }
}
