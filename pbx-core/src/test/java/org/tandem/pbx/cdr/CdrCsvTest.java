package org.tandem.pbx.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallMedia;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;

/** RFC 4180 quoting, and caller-supplied text that a spreadsheet would run is defused. */
class CdrCsvTest {

    @Test
    void quotesOnlyWhatNeedsQuotingAndDoublesQuotes() {
        assertThat(CdrCsv.field("plain")).isEqualTo("plain");
        assertThat(CdrCsv.field(null)).isEmpty();
        assertThat(CdrCsv.field("Doe, Jane")).isEqualTo("\"Doe, Jane\"");
        assertThat(CdrCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CdrCsv.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(CdrCsv.field("line\nfeed")).isEqualTo("\"line\nfeed\"");
    }

    @Test
    void formulasAreDefusedButNumbersAreNot() {
        assertThat(CdrCsv.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CdrCsv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CdrCsv.field("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(CdrCsv.field("-2+3")).isEqualTo("'-2+3");
        assertThat(CdrCsv.field("+4930123456")).isEqualTo("+4930123456");
        assertThat(CdrCsv.field("*97")).isEqualTo("*97");
    }

    /**
     * Issue 22 (Low): a spreadsheet in a locale whose list separator is ';' (German, French, ...) splits
     * {@code Boss;=2+5} into two cells and runs the second. Every cell such a split could start is defused.
     */
    @Test
    void formulasAfterASemicolonOrTabAreDefusedToo() {
        assertThat(CdrCsv.field("Boss;=2+5")).isEqualTo("\"Boss;'=2+5\"");
        assertThat(CdrCsv.field("a;@SUM(A1)")).isEqualTo("\"a;'@SUM(A1)\"");
        assertThat(CdrCsv.field("x\t=1+1")).isEqualTo("\"x\t'=1+1\"");
        assertThat(CdrCsv.field("Doe,=1+1")).isEqualTo("\"Doe,'=1+1\"");
        assertThat(CdrCsv.field("call;+4930123")).as("a number stays a number").isEqualTo("\"call;+4930123\"");
        assertThat(CdrCsv.field("Smith; Jane")).isEqualTo("\"Smith; Jane\"");
    }

    @Test
    void aRowHasEveryColumnInHeaderOrder() {
        StringBuilder out = new StringBuilder();
        CdrCsv.header(out);
        CdrCsv.row(
                new CallRecord(
                        "abc@host",
                        CallDirection.INBOUND,
                        null,
                        "+4930123",
                        "Doe, \"J\"",
                        "201",
                        "+4930999",
                        "itsp",
                        "600",
                        "extension:201",
                        "202",
                        "201",
                        Instant.parse("2026-11-22T08:00:00Z"),
                        Instant.parse("2026-11-22T08:00:03Z"),
                        Instant.parse("2026-11-22T08:01:03Z"),
                        60,
                        Disposition.ANSWERED,
                        HangupSide.SYSTEM,
                        200,
                        null,
                        false,
                        "rtp-timeout",
                        new CallRecord.Media(
                                true,
                                new CallMedia.Stream(1500, 3, 4.4, 258_000L),
                                new CallMedia.Stream(1490, 0, 1.6, 256_280L)),
                        new CallRecord.Queued("700", org.tandem.pbx.call.CallQueued.Outcome.ANSWERED, 12_345, "201")),
                out);
        CdrCsv.row(
                new CallRecord(
                        "def@host",
                        CallDirection.INTERNAL,
                        "201",
                        "201",
                        null,
                        "202",
                        null,
                        null,
                        null,
                        "extension:202",
                        null,
                        null,
                        Instant.parse("2026-11-22T09:00:00Z"),
                        null,
                        Instant.parse("2026-11-22T09:00:09Z"),
                        0,
                        Disposition.NO_ANSWER,
                        HangupSide.SYSTEM,
                        408,
                        null,
                        false,
                        null,
                        null),
                out);

        String[] lines = out.toString().split("\r\n", -1);
        assertThat(lines).hasSize(4);
        assertThat(lines[3]).isEmpty();
        assertThat(lines[0]).isEqualTo(String.join(",", CdrCsv.COLUMNS));
        assertThat(lines[1])
                .isEqualTo("abc@host,2026-11-22T08:00:00Z,2026-11-22T08:00:03Z,2026-11-22T08:01:03Z,60,"
                        + "ANSWERED,INBOUND,,+4930123,\"Doe, \"\"J\"\"\",201,+4930999,itsp,600,extension:201,202,201,SYSTEM,"
                        + "200,,false,rtp-timeout,true,1500,3,4,1490,0,2,258000,256280,700,ANSWERED,12345,201");
        assertThat(lines[2]).endsWith(",SYSTEM,408,,false,,,,,,,,,,,,,,");
    }
}
