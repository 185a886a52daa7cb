package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.parser.FromParser;
import gov.nist.javax.sip.parser.Lexer;
import gov.nist.javax.sip.parser.ViaParser;
import org.junit.jupiter.api.Test;

/**
 * Patch 0020 (patches/0020-lexer-reads-its-string.patch): a lexer reads the String it was made of instead of a char[]
 * copy, with the same tokens and the same end-of-text behaviour.
 *
 * <p>Unpatched jain-sip (and 0001–0019 alone) fails {@link #aLongerLineCostsNoMoreToMakeAParserOf}: the lexer's copy
 * costs two bytes per character of the line.
 */
class LexerStringTest {

    @Test
    void tokensAndTheEndsOfTheText() throws Exception {
        Lexer lexer = new Lexer("command_keywordLexer", "Max-Forwards: 70\n");
        assertThat(lexer.lookAhead(-1)).as("before the start").isEqualTo('\0');
        assertThat(lexer.ttoken()).isEqualTo("Max-Forwards");
        lexer.consume(1); // ':'
        lexer.SPorHT();
        assertThat(lexer.number()).isEqualTo("70");
        assertThat(lexer.getNextChar()).isEqualTo('\n');
        assertThat(lexer.hasMoreChars()).isFalse();
        assertThat(lexer.lookAhead(0)).as("past the end").isEqualTo('\0');
        assertThat(lexer.lookAhead(5)).isEqualTo('\0');
        assertThat(lexer.getBuffer()).isEqualTo("Max-Forwards: 70\n");
        assertThat(new Lexer("command_keywordLexer", "a\nb\n").getLine()).isEqualTo("a\n");
    }

    @Test
    void textBeyondLatin1ParsesAsBefore() throws Exception {
        From from = (From) new FromParser("From: \"Zoë 中文\" <sip:zoe@example.com>;tag=\u00e9t\u00e9\n").parse();
        assertThat(((AddressImpl) from.getAddress()).getDisplayName()).isEqualTo("Zoë 中文");
        assertThat(from.getTag()).isEqualTo("\u00e9t\u00e9");
        assertThat(from.getAddress().getURI().toString()).isEqualTo("sip:zoe@example.com");
    }

    @Test
    void aLongerLineCostsNoMoreToMakeAParserOf() throws Exception {
        String shortLine = "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1\n";
        String longLine = "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1" + ";x=1".repeat(250) + "\n";
        long shortCost = HeaderParserLookupTest.bytesPerCall(() -> new ViaParser(shortLine));
        long longCost = HeaderParserLookupTest.bytesPerCall(() -> new ViaParser(longLine));
        assertThat(longCost - shortCost)
                .as("bytes for %d more characters", longLine.length() - shortLine.length())
                .isLessThanOrEqualTo(16);
    }
}
