package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.core.NameValueList;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/**
 * Patch 0011 (patches/0011-case-folded-only-when-needed.patch): parameter names are folded to lower case, keywords to
 * upper case, only when they have a letter of the other case (or a character beyond US-ASCII), and a message's
 * transaction identifier is computed once per branch and method. Every result is pinned here against the old
 * computation, including names that do need folding and a locale whose folding differs (Turkish: "I" is not "i").
 *
 * <p>Unpatched jain-sip 1.3.0-91 passes every check here but {@link #theTransactionIdIsComputedOncePerBranch}'s
 * identity: there each call lower-cases the branch into a new String.
 */
class CaseFoldingTest {

    private static final String INVITE = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com;Branch=z9hG4bK776asdhds;RPORT\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>\r\n"
            + "From: Alice <sip:alice@atlanta.example.com>;TAG=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:alice@pc33.atlanta.example.com;Transport=udp>\r\n"
            + "Content-Length: 0\r\n\r\n";

    @Test
    void parameterNamesAreFoundWhateverTheirCase() {
        NameValueList params = new NameValueList();
        params.set("branch", "z9hG4bK1");
        params.set("Received", "192.0.2.1");
        params.set("ÉTAT", "x"); // beyond US-ASCII: folded by toLowerCase as before

        assertThat(params.getValue("BRANCH")).isEqualTo("z9hG4bK1");
        assertThat(params.getValue("received")).isEqualTo("192.0.2.1");
        assertThat(params.getNameValue("rEcEiVeD").getValueAsObject()).isEqualTo("192.0.2.1");
        assertThat(params.hasNameValue("état")).isTrue();
        assertThat(params.keySet()).containsExactly("branch", "received", "état");
        assertThat(params.delete("Branch")).isTrue();
        assertThat(params.containsKey("branch")).isFalse();
        assertThat(params.remove("RECEIVED")).isNotNull();
        assertThat(params.keySet()).containsExactly("état");
    }

    @Test
    void namesNeedingNoFoldingAreKeptInATurkishLocaleToo() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            NameValueList params = new NameValueList();
            params.set("lr", "");
            params.set("MADDR", "192.0.2.9");
            // as String.toLowerCase() in this locale: the capital I is folded to a dotless i, as before the patch
            params.set("TRANSPORT-ID", "x");
            assertThat(params.keySet()).containsExactly("lr", "maddr", "TRANSPORT-ID".toLowerCase());
            assertThat(params.getValue("MADDR")).isEqualTo("192.0.2.9");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void keywordsParseInEitherCase() throws Exception {
        SIPRequest upper = (SIPRequest) parse(INVITE);
        SIPRequest lower =
                (SIPRequest) parse(INVITE.replace("SIP/2.0/UDP", "sip/2.0/udp").replace("INVITE sip:", "INVITE SIP:"));
        for (SIPRequest r : new SIPRequest[] {upper, lower}) {
            Via via = (Via) r.getTopmostVia();
            assertThat(via.getProtocol().toUpperCase(Locale.ROOT)).isEqualTo("SIP/2.0");
            assertThat(via.getTransport().toUpperCase(Locale.ROOT)).isEqualTo("UDP");
            assertThat(via.getBranch()).isEqualTo("z9hG4bK776asdhds");
            assertThat(via.hasParameter("rport")).isTrue();
            assertThat(r.getMethod()).isEqualTo(Request.INVITE);
            assertThat(((SipURI) r.getRequestURI()).getUser()).isEqualTo("bob");
            assertThat(r.getFromTag()).isEqualTo("1928301774");
        }
        SIPResponse ok = (SIPResponse) parse("SIP/2.0 200 OK\r\n" + INVITE.substring(INVITE.indexOf("Via:")));
        assertThat(ok.getStatusCode()).isEqualTo(200);
    }

    @Test
    void theTransactionIdIsComputedOncePerBranch() throws Exception {
        SIPMessage m = parse(INVITE);
        String id = m.getTransactionId();
        assertThat(id).isEqualTo("z9hg4bk776asdhds");
        assertThat(m.getTransactionId()).isSameAs(id);

        Via via = (Via) m.getTopmostVia();
        via.setBranch("z9hG4bKnewBranch");
        assertThat(m.getTransactionId()).isEqualTo("z9hg4bknewbranch");

        m.getCSeq().setMethod(Request.CANCEL);
        assertThat(m.getTransactionId()).isEqualTo("z9hg4bknewbranch:cancel");

        SIPMessage copy = (SIPMessage) m.clone();
        assertThat(copy.getTransactionId()).isEqualTo("z9hg4bknewbranch:cancel");
        ((Via) copy.getTopmostVia()).setBranch("z9hG4bKcopy");
        assertThat(copy.getTransactionId()).isEqualTo("z9hg4bkcopy:cancel");
        assertThat(m.getTransactionId()).isEqualTo("z9hg4bknewbranch:cancel");
    }

    @Test
    void anRfc2543BranchIsComputedFromTheMessageEachTime() throws Exception {
        SIPMessage m = parse(INVITE.replace("Branch=z9hG4bK776asdhds", "branch=1234abc"));
        String before = m.getTransactionId();
        assertThat(before).startsWith("1928301774-a84b4c76e66710-pc33.atlanta.example.com-314159-invite");
        m.getFrom().setTag("other");
        assertThat(m.getTransactionId()).startsWith("other-").isNotEqualTo(before);
    }

    private static SIPMessage parse(String text) throws Exception {
        return new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }
}
