package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.CallIdentifier;
import gov.nist.javax.sip.parser.CallIDParser;
import org.junit.jupiter.api.Test;

/**
 * Patch 0016 (patches/0016-call-id-text-kept.patch): a Call-ID keeps its text, so {@code getCallId()} hands out the
 * same string every time instead of building a new one, and the text follows every change of the identifier.
 *
 * <p>Unpatched jain-sip 1.3.0-91 fails {@link #aParsedCallIdGivesItsTextWithoutBuildingIt}: every {@code getCallId()}
 * builds a new String ({@code ./mvnw -o -pl jain-sip test -Djain-sip.patches=none}).
 */
class CallIdTextTest {

    static CallID parse(String line) throws Exception {
        return (CallID) new CallIDParser(line).parse();
    }

    @Test
    void aParsedCallIdGivesItsTextWithoutBuildingIt() throws Exception {
        CallID callId = parse("Call-ID: a84b4c76e66710@pc33.atlanta.example.com\n");
        String text = callId.getCallId();
        assertThat(text).isEqualTo("a84b4c76e66710@pc33.atlanta.example.com");
        assertThat(callId.getCallId()).isSameAs(text);
        assertThat(callId.encodeBody()).isSameAs(text);
        assertThat(callId.encode()).isEqualTo("Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n");
        assertThat(HeaderParserLookupTest.bytesPerCall(callId::getCallId)).isLessThanOrEqualTo(8);
    }

    @Test
    void theTextIsTheParsedValueInEveryShape() throws Exception {
        for (String value : new String[] {"abc", "abc@host", "a@b@c", "@host", "abc@", "f81d4fae-7dec-11d0-a765"}) {
            CallID callId = parse("i: " + value + "\n");
            assertThat(callId.getCallId()).as(value).isEqualTo(value);
            assertThat(callId.getCallIdentifer().encode()).as(value).isEqualTo(value);
            assertThat(((CallID) callId.clone()).getCallId()).as(value).isEqualTo(value);
        }
    }

    @Test
    void theTextFollowsTheIdentifiersChanges() throws Exception {
        CallID callId = parse("Call-ID: first@example.com\n");
        CallIdentifier id = callId.getCallIdentifer();
        id.setLocalId("second");
        assertThat(callId.getCallId()).isEqualTo("second@example.com");
        id.setHost("example.net");
        assertThat(callId.getCallId()).isEqualTo("second@example.net");
        id.setHost(null);
        assertThat(callId.getCallId()).isEqualTo("second");
        id.setCallID("third@example.org");
        assertThat(callId.getCallId()).isEqualTo("third@example.org");
        callId.setCallId("fourth");
        assertThat(callId.getCallId()).isEqualTo("fourth");
        callId.setCallIdentifier(new CallIdentifier("fifth", "example.com"));
        assertThat(callId.getCallId()).isEqualTo("fifth@example.com");
        assertThat(new StringBuilder("<").append(callId.getCallIdentifer().encode(new StringBuilder())))
                .hasToString("<fifth@example.com");
        assertThat(new CallID().getCallId()).isEmpty();
    }

    @Test
    void aCloneChangedAloneLeavesTheOriginalsText() throws Exception {
        CallID original = parse("Call-ID: shared@example.com\n");
        CallID clone = (CallID) original.clone();
        clone.getCallIdentifer().setLocalId("changed");
        assertThat(clone.getCallId()).isEqualTo("changed@example.com");
        assertThat(original.getCallId()).isEqualTo("shared@example.com");
        assertThat(clone).isNotEqualTo(original);
        assertThat(parse("Call-ID: SHARED@example.com\n")).isEqualTo(original); // equals ignores case, as before
    }
}
