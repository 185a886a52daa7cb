package org.tandem.pbx.sip;

import gov.nist.javax.sip.ReleaseReferencesStrategy;
import gov.nist.javax.sip.SIPConstants;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds and sends the responses the appliance itself generates (as a UAS, RFC 3261 §8.2.6). */
public class SipResponder {

    private static final Logger log = LoggerFactory.getLogger(SipResponder.class);

    private final SipTransports transports;

    public SipResponder(SipTransports transports) {
        this.transports = transports;
    }

    /**
     * A response to {@code request}. RFC 3261 §8.2.6.2: a UAS adds a To tag to every response but
     * 100 when the request had none; it is derived from Call-ID and branch so that the same request
     * always gets the same tag (retransmissions, stateless replies).
     */
    public Response create(Request request, int status) {
        try {
            Response response = transports.messageFactory().createResponse(status, request);
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (status != Response.TRYING && to != null && to.getTag() == null) {
                to.setTag(localTag(request));
            }
            return response;
        } catch (ParseException e) {
            throw new IllegalStateException("Cannot build a " + status + " response", e);
        }
    }

    /**
     * The server transaction for a new request, or null when the request is a retransmission of
     * one that already has a transaction (the stack absorbs it) or when none can be made (ACK).
     */
    public ServerTransaction serverTransaction(InboundRequest inbound) {
        return obtainServerTransaction(inbound).transaction();
    }

    /**
     * What {@link #serverTransaction} gives, and why there is none: a retransmission (drop it) or a
     * request the stack will not keep state for (answer it statelessly, e.g. an RFC 2543 INVITE without
     * Contact, which jain-sip refuses although a proxy need not, RFC 3261 §16).
     *
     * @param refusal null unless the stack refused; then why
     */
    public record ServerTransactionResult(ServerTransaction transaction, boolean retransmission, String refusal) {}

    public ServerTransactionResult obtainServerTransaction(InboundRequest inbound) {
        ServerTransaction existing = inbound.existingServerTransaction();
        if (existing != null) return new ServerTransactionResult(existing, false, null);
        if (Request.ACK.equals(inbound.method())) return new ServerTransactionResult(null, false, "ACK");
        try {
            return new ServerTransactionResult(
                    transports.provider().getNewServerTransaction(inbound.request()), false, null);
        } catch (TransactionAlreadyExistsException e) {
            // retransmission that raced the first copy: the stack answers it
            return new ServerTransactionResult(null, true, null);
        } catch (SipException e) {
            log.debug(
                    "No server transaction for {} from {}: {}",
                    inbound.method(),
                    inbound.sourceAddress(),
                    e.getMessage());
            return new ServerTransactionResult(null, false, e.getMessage());
        }
    }

    /**
     * For a server transaction whose request the caller keeps for itself (the proxy's response context): once
     * answered, the transaction keeps only what absorbing retransmissions needs — its key (branch, sent-by, method),
     * and for a non-INVITE the final response's bytes until Timer J (RFC 3261 §17.2.2: 32 s over UDP); an INVITE
     * answered 2xx lingers without its request until it leaves the table (jain-sip patches 0013, 0024; over UDP at
     * its next tick, its key absorbing retransmitted INVITEs for Timer L, patch 0025). It lets its request go
     * without keeping it as bytes as well: jain-sip's "Aggressive" release for this one transaction, after which
     * {@code getRequest()} is null. Issue 23: a Completed BYE was ~2.2 KB alive for its 32 s, ~0.4 KB of it the BYE's
     * datagram; a lingering INVITE ~1.9 KB, ~0.6 KB of it the INVITE's. Not for a CANCEL (jain-sip keeps its request
     * anyway), a transaction with a dialog (the dialog may read its request) or an RFC 2543 request
     * ({@link #mayLetTheRequestGo}).
     */
    public static void keepOnlyTheAnswer(ServerTransaction tx) {
        if (tx instanceof SIPServerTransaction st
                && mayLetTheRequestGo(st.getMethod(), st.getBranch(), st.getDialog() != null)) {
            st.setReleaseReferencesStrategy(ReleaseReferencesStrategy.Aggressive);
        }
    }

    /**
     * Whether {@link #keepOnlyTheAnswer} may let a transaction's request go: any method but CANCEL, without a dialog,
     * with an RFC 3261 branch (the magic cookie, §8.1.1.7). A retransmission of it is then matched by its branch and
     * sent-by alone (§17.2.3); one of an RFC 2543 request is matched against the request itself, which jain-sip would
     * have to parse again and could not.
     */
    static boolean mayLetTheRequestGo(String method, String branch, boolean inADialog) {
        return method != null
                && !Request.CANCEL.equals(method)
                && !inADialog
                && branch != null
                && branch.length() > SIPConstants.BRANCH_MAGIC_COOKIE.length()
                && branch.regionMatches(
                        true, 0, SIPConstants.BRANCH_MAGIC_COOKIE, 0, SIPConstants.BRANCH_MAGIC_COOKIE.length());
    }

    /** Sends {@code response} in {@code tx}, or statelessly when there is no transaction. */
    public void send(ServerTransaction tx, Request request, Response response) {
        try {
            if (tx != null) {
                tx.sendResponse(response);
            } else {
                transports.provider().sendResponse(response);
            }
        } catch (SipException | InvalidArgumentException e) {
            log.debug("Could not send {} to {}: {}", response.getStatusCode(), request.getMethod(), e.getMessage());
        } catch (RuntimeException e) {
            // jain-sip throws unchecked exceptions for transactions that ended meanwhile
            log.debug("Could not send {} to {}", response.getStatusCode(), request.getMethod(), e);
        }
    }

    public void reply(ServerTransaction tx, Request request, int status) {
        send(tx, request, create(request, status));
    }

    /**
     * Answers without a transaction. Never throws: a request jain-sip cannot build a response for
     * (e.g. a non-numeric rport, found by fuzzing) is dropped and logged instead.
     */
    public void replyStateless(Request request, int status) {
        replyStateless(request, status, null);
    }

    /** As {@link #replyStateless(Request, int)}, with our own reason phrase (null: the standard one). */
    public void replyStateless(Request request, int status, String reasonPhrase) {
        Response response;
        try {
            response = create(request, status);
            if (reasonPhrase != null) response.setReasonPhrase(reasonPhrase);
        } catch (RuntimeException | ParseException e) {
            log.info("Cannot answer {} with {} (dropped): {}", request.getMethod(), status, e.toString());
            return;
        }
        send(null, request, response);
    }

    static String localTag(Request request) {
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return localTag(callId == null ? "" : callId.getCallId(), via == null ? "" : via.getBranch());
    }

    /** The To tag of our responses to the request with this Call-ID and top Via branch ({@link #create}). */
    public static String localTag(String callId, String branch) {
        String seed = callId + "|" + branch;
        return "tdm" + Integer.toHexString(seed.hashCode() & 0x7fffffff);
    }
}
