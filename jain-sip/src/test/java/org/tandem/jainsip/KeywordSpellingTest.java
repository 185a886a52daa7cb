package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.parser.Lexer;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Patch 0017 (patches/0017-keywords-found-as-written.patch): the SIP lexers find a keyword in the spellings messages
 * use ("sip", "CSeq", "Max-Forwards", "max-forwards") without upper-casing it, and give every token, in any case, the
 * type the upper-case look-up gave before.
 *
 * <p>Unpatched jain-sip 1.3.0-91 fails {@link #aKeywordAsWrittenIsFoundWithoutACopy}: it upper-cases "sip" and
 * "Max-Forwards" on every look-up ({@code ./mvnw -o -pl jain-sip test -Djain-sip.patches=none}).
 */
class KeywordSpellingTest {

    static final String[] SIP_LEXERS = {
        "method_keywordLexer", "command_keywordLexer", "status_lineLexer", "request_lineLexer", "sip_urlLexer"
    };

    /** A lexer whose keyword look-up a test can call (it is protected). */
    static final class Keywords extends Lexer {
        Keywords(String lexerName) {
            super(lexerName, "\n");
        }

        Integer type(String token) {
            return keyword(token);
        }

        Map<String, Integer> table() {
            return lexerTables.get(currentLexerName);
        }
    }

    @Test
    void everyKeywordIsFoundInAnyCaseWithTheTypeOfItsUpperCase() {
        int checked = 0;
        for (String name : SIP_LEXERS) {
            Keywords lexer = new Keywords(name);
            for (Map.Entry<String, Integer> e : lexer.table().entrySet()) {
                String key = e.getKey();
                String upper = key.toUpperCase(Locale.ENGLISH);
                // every spelling in the table stands for the keyword its upper case is, with that keyword's type
                assertThat(lexer.table().get(upper)).as(name + " " + key).isEqualTo(e.getValue());
                if (!key.equals(upper)) continue;
                for (String spelling : new String[] {upper, key.toLowerCase(Locale.ENGLISH), alternating(upper)}) {
                    assertThat(lexer.type(spelling)).as(name + " " + spelling).isEqualTo(e.getValue());
                }
                checked++;
            }
        }
        assertThat(checked).as("keywords checked").isGreaterThan(80);
    }

    @Test
    void theSpellingsOfRealMessagesAreInTheTable() {
        Keywords url = new Keywords("sip_urlLexer");
        assertThat(url.table()).containsKeys("SIP", "sip", "SIPS", "sips", "TEL", "tel");
        Keywords headers = new Keywords("command_keywordLexer");
        assertThat(headers.table()).containsKeys("CSEQ", "CSeq", "cseq", "Max-Forwards", "max-forwards", "Call-ID");
    }

    @Test
    void aTokenThatIsNoKeywordIsNone() {
        Keywords url = new Keywords("sip_urlLexer");
        for (String token : new String[] {"sipx", "SIPX", "Sipx", "si", "alice", "127", ""}) {
            assertThat(url.type(token)).as(token).isNull();
        }
        assertThat(new Keywords("command_keywordLexer").type("X-Tandem-Trace")).isNull();
    }

    @Test
    void aKeywordAsWrittenIsFoundWithoutACopy() throws Exception {
        Keywords url = new Keywords("sip_urlLexer");
        Keywords headers = new Keywords("command_keywordLexer");
        String sip = new String("sip".toCharArray()); // a token as the lexer cuts it: not an interned constant
        String maxForwards = new String("Max-Forwards".toCharArray());
        assertThat(HeaderParserLookupTest.bytesPerCall(() -> url.type(sip))).isLessThanOrEqualTo(8);
        assertThat(HeaderParserLookupTest.bytesPerCall(() -> headers.type(maxForwards)))
                .isLessThanOrEqualTo(8);
    }

    /** "CSEQ" as "CsEq": a spelling no table keeps. */
    static String alternating(String upper) {
        StringBuilder b = new StringBuilder(upper.length());
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            b.append(i % 2 == 0 ? c : Character.toLowerCase(c));
        }
        return b.toString();
    }
}
