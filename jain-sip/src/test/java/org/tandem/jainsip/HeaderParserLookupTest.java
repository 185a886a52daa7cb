package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.parser.CallIDParser;
import gov.nist.javax.sip.parser.HeaderParser;
import gov.nist.javax.sip.parser.ParserFactory;
import gov.nist.javax.sip.parser.ViaParser;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Patch 0005 (patches/0005-header-parser-found-without-copying-the-name.patch): {@code ParserFactory.createParser}
 * finds a header's parser from the name as it stands in the line, so making the parser of a header line allocates
 * what the parser's own constructor allocates and nothing more, for a known name in any case and for an unknown one.
 *
 * <p>Unpatched jain-sip 1.3.0-91 fails each test: it copies the name out of the line ({@code Lexer.getHeaderName}:
 * {@code substring}, {@code trim}) for its look-ups of the lower-cased name, the parser class and its creator, some
 * 48 bytes more per header line ({@code ./mvnw -o -pl jain-sip test -Djain-sip.patches=none}).
 */
class HeaderParserLookupTest {

    static final int ROUNDS = 50_000;

    /** Where each made parser goes, so that no compiler can leave its allocation out. */
    static final Object[] KEPT = new Object[64];

    @Test
    void aKnownHeaderCostsOnlyItsParser() throws Exception {
        for (String line : new String[] {
            "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1\n",
            "VIA : SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1\n",
            "v: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1\n"
        }) {
            assertThat(ParserFactory.createParser(line)).isExactlyInstanceOf(ViaParser.class);
            long alone = bytesPerCall(() -> new ViaParser(line));
            long throughFactory = bytesPerCall(() -> ParserFactory.createParser(line));
            assertThat(throughFactory).as(line).isLessThanOrEqualTo(alone + 8);
        }
        String callId = "call-id: a84b4c76e66710@pc33.atlanta.example.com\n";
        assertThat(ParserFactory.createParser(callId)).isExactlyInstanceOf(CallIDParser.class);
        assertThat(bytesPerCall(() -> ParserFactory.createParser(callId)))
                .isLessThanOrEqualTo(bytesPerCall(() -> new CallIDParser(callId)) + 8);
    }

    @Test
    void anUnknownHeaderCostsOnlyTheGenericParser() throws Exception {
        String line = "X-Tandem-Trace: 1234\n";
        assertThat(ParserFactory.createParser(line)).isExactlyInstanceOf(HeaderParser.class);
        assertThat(bytesPerCall(() -> ParserFactory.createParser(line)))
                .isLessThanOrEqualTo(
                        bytesPerCall(() -> new HeaderParser(line) {}) + 8); // (its constructor is protected)
    }

    @Test
    void aNameBeyondAsciiStillGetsTheGenericParser() throws Exception {
        assertThat(ParserFactory.createParser("V\u0130a: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1\n"))
                .isExactlyInstanceOf(HeaderParser.class);
        assertThat(ParserFactory.createParser("Caf\u00e9: au lait\n")).isExactlyInstanceOf(HeaderParser.class);
    }

    /** The bytes this thread allocates per call of {@code make}, after as many calls of warm-up. */
    static long bytesPerCall(Callable<Object> make) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long least = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < ROUNDS; i++) {
                KEPT[i & (KEPT.length - 1)] = make.call();
            }
            least = Math.min(least, (threads.getCurrentThreadAllocatedBytes() - before) / ROUNDS);
        }
        return least;
    }
}
