package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.core.ParserCore;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.parser.ToParser;
import org.junit.jupiter.api.Test;

/**
 * Patch 0032 (patches/0032-parser-trace-built-only-when-debugging.patch): the parsers' trace text
 * ({@code dbg_enter}, {@code dbg_leave}) is built only when debugging.
 *
 * <p>Unpatched jain-sip 1.3.0-91 fails {@link #tracingWithoutDebuggingAllocatesNothing}: each call built a
 * StringBuilder of the nesting level's marks and dropped it ({@code ./mvnw -o -pl jain-sip test
 * -Djain-sip.patches=...} without 0032).
 */
class ParserTraceTest {

    /** A parser of nothing, to reach the protected trace methods every header parser calls. */
    private static final class Rule extends ParserCore {
        Object enterAndLeave() {
            dbg_enter("rule");
            dbg_leave("rule");
            return this;
        }
    }

    @Test
    void tracingWithoutDebuggingAllocatesNothing() throws Exception {
        Rule rule = new Rule();
        assertThat(HeaderParserLookupTest.bytesPerCall(rule::enterAndLeave)).isLessThanOrEqualTo(8);
    }

    @Test
    void headersParsedThroughTracedRulesAreTheSame() throws Exception {
        // RFC 3261 §20.39: a To with a display name, a URI parameter and a tag (AddressParametersParser's rules)
        To to = (To) new ToParser("To: \"Bob\" <sip:bob@biloxi.example.com;transport=udp>;tag=a6c85cf\n").parse();
        assertThat(to.getTag()).isEqualTo("a6c85cf");
        assertThat(to.getAddress().getDisplayName()).isEqualTo("Bob");
        assertThat(to.encode()).isEqualTo("To: \"Bob\" <sip:bob@biloxi.example.com;transport=udp>;tag=a6c85cf\r\n");
    }
}
