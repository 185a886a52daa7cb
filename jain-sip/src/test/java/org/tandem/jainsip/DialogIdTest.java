package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPResponse;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import org.junit.jupiter.api.Test;

/**
 * Patch 0021 (patches/0021-dialog-id-kept.patch): a message's dialog id is the same function of its Call-ID, tags and
 * side as before, kept while those are unchanged.
 *
 * <p>Unpatched jain-sip (and 0001–0020 alone) fails {@link #askingAgainCostsNothing}: every call built a new id.
 */
class DialogIdTest {

    static SIPMessage ok() throws Exception {
        return ParsedMessagesTest.parse(ParsedMessagesTest.resource("04-200-sdp.sip"));
    }

    @Test
    void theIdOfEachSide() throws Exception {
        SIPMessage m = ok(); // Call-ID 1-12345@127.0.0.1, From tag 1SIPpTag001, To tag 2SIPpTag012
        assertThat(m.getDialogId(false)).isEqualTo("1-12345@127.0.0.1:1sipptag001:2sipptag012");
        assertThat(m.getDialogId(true)).isEqualTo("1-12345@127.0.0.1:2sipptag012:1sipptag001");
        assertThat(m.getDialogId(false, null)).isEqualTo("1-12345@127.0.0.1:1sipptag001");
        assertThat(m.getDialogId(true, "X")).isEqualTo("1-12345@127.0.0.1:x:1sipptag001");
        assertThat(m.getDialogId(false)).isEqualTo("1-12345@127.0.0.1:1sipptag001:2sipptag012");
    }

    @Test
    void theIdFollowsNewTagsAndCallIds() throws Exception {
        SIPMessage m = ok();
        String first = m.getDialogId(false);
        ((ToHeader) m.getHeader(ToHeader.NAME)).setTag("Other");
        assertThat(m.getDialogId(false)).isEqualTo("1-12345@127.0.0.1:1sipptag001:other");
        ((gov.nist.javax.sip.header.From) m.getHeader(FromHeader.NAME)).removeTag();
        assertThat(m.getDialogId(false)).isEqualTo("1-12345@127.0.0.1:other");
        ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).setCallId("New@Host");
        assertThat(m.getDialogId(false)).isEqualTo("new@host:other");
        SIPResponse copy = (SIPResponse) ok().clone();
        assertThat(copy.getDialogId(false)).isEqualTo(first);
    }

    @Test
    void askingAgainCostsNothing() throws Exception {
        SIPMessage m = ok();
        String id = m.getDialogId(false);
        assertThat(m.getDialogId(false)).isSameAs(id);
        assertThat(HeaderParserLookupTest.bytesPerCall(() -> m.getDialogId(false)))
                .isLessThanOrEqualTo(8);
    }
}
