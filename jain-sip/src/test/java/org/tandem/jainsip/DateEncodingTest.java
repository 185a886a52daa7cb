package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.SIPDate;
import gov.nist.javax.sip.header.SIPDateHeader;
import gov.nist.javax.sip.parser.DateParser;
import java.util.Calendar;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * Patch 0029 (patches/0029-date-encoded-without-strings.patch): a Date header's day, hour, minute and second are
 * written as two digits straight into the encoding, not through a String each.
 *
 * <p>Unpatched jain-sip 1.3.0-91 fails {@link #encodingADateBuildsNoString}: each encoding built four Strings
 * ({@code "0" + day} and the like) and their concatenation's buffers, over a hundred bytes
 * ({@code ./mvnw -o -pl jain-sip test -Djain-sip.patches=...} without 0029).
 */
class DateEncodingTest {

    private static final TimeZone GMT = TimeZone.getTimeZone("GMT");

    static SIPDateHeader dateOf(int year, int month, int day, int hour, int minute, int second) {
        Calendar c = Calendar.getInstance(GMT);
        c.clear();
        c.set(year, month, day, hour, minute, second);
        SIPDateHeader header = new SIPDateHeader();
        header.setDate(c);
        return header;
    }

    @Test
    void fieldsBelowTenGetTheirLeadingZero() {
        // RFC 3261 §20.17 / RFC 1123: Date: Sat, 13 Nov 2010 23:29:00 GMT; every 2DIGIT field two digits
        assertThat(dateOf(2026, Calendar.DECEMBER, 1, 0, 0, 0).encode())
                .isEqualTo("Date: Tue, 01 Dec 2026 00:00:00 GMT\r\n");
        assertThat(dateOf(2026, Calendar.MARCH, 9, 7, 5, 9).encode())
                .isEqualTo("Date: Mon, 09 Mar 2026 07:05:09 GMT\r\n");
    }

    @Test
    void fieldsOfTwoDigitsAreWrittenAsThey() {
        assertThat(dateOf(2010, Calendar.NOVEMBER, 13, 23, 29, 59).encode())
                .isEqualTo("Date: Sat, 13 Nov 2010 23:29:59 GMT\r\n");
        assertThat(dateOf(2026, Calendar.NOVEMBER, 30, 10, 33, 10).encode())
                .isEqualTo("Date: Mon, 30 Nov 2026 10:33:10 GMT\r\n");
    }

    @Test
    void aParsedDateIsWrittenBackAsItCame() throws Exception {
        String line = "Date: Sat, 13 Nov 2010 03:09:00 GMT\n";
        SIPDateHeader parsed = (SIPDateHeader) new DateParser(line).parse();
        assertThat(parsed.encode()).isEqualTo("Date: Sat, 13 Nov 2010 03:09:00 GMT\r\n");
        assertThat(parsed.getDate().get(Calendar.HOUR_OF_DAY)).isEqualTo(3);
    }

    @Test
    void encodingADateBuildsNoString() throws Exception {
        SIPDate date =
                new SIPDate(dateOf(2026, Calendar.MARCH, 9, 7, 5, 9).getDate().getTimeInMillis());
        StringBuilder into = new StringBuilder(64);
        long bytes = HeaderParserLookupTest.bytesPerCall(() -> {
            into.setLength(0);
            return date.encode(into);
        });
        assertThat(into.toString()).isEqualTo("Mon, 09 Mar 2026 07:05:09 GMT");
        assertThat(bytes).isLessThanOrEqualTo(8);
    }
}
