package org.tandem.pbx.ua;

import gov.nist.javax.sip.stack.HopImpl;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.sip.ClientTransactionListener;
import org.tandem.pbx.sip.NextHopRouter;
import org.tandem.pbx.sip.SipTransports;

/**
 * The SIP side of an INVITE this process sends to one registered phone as a UAC (RFC 3261 §13), shared by the calls
 * it places ({@link PlacedCall}: queue agents, paged phones) and click-to-call's leg to the caller's phone: the
 * request along the phone's registered flow (its NAT binding, its TCP/TLS connection: every request of the dialog
 * goes to the address the REGISTER came from), the dialog, the ACK of a 2xx (§13.2.2.4), CANCEL (§9.1) and in-dialog
 * requests such as BYE or REFER. It holds no call state: its owner decides when to send what, on its own executor,
 * where the responses are delivered too.
 */
public final class UacInvite {

    private final SipTransports transports;
    private final Binding phone;
    private final String transport;
    private final HopImpl hop;
    private ClientTransaction invite;
    private Dialog dialog;

    /** An INVITE to {@code phone}, on the transport it registered over. */
    public UacInvite(SipTransports transports, Binding phone) {
        this.transports = transports;
        this.phone = phone;
        this.transport = phone.transport().toLowerCase(Locale.ROOT);
        this.hop = new HopImpl(phone.sourceAddress(), phone.sourcePort(), transport.toUpperCase(Locale.ROOT));
    }

    /** The transport the phone registered over, lower case ({@code udp}, {@code tcp}, {@code tls}). */
    public String transport() {
        return transport;
    }

    /** Where every request of this dialog goes: the phone's registered flow. */
    public HopImpl hop() {
        return hop;
    }

    /**
     * A new INVITE to the phone's registered Contact (§8.1.1): a Via with {@code rport} (RFC 3581, the phone may be
     * behind NAT), a fresh From tag, CSeq 1, the Contact and Allow given, and extra {@code Name: value} headers.
     */
    public Request create(
            String callId, Address from, Address to, ContactHeader contact, String allow, List<String> headers)
            throws ParseException, InvalidArgumentException {
        AddressFactory addresses = transports.addressFactory();
        HeaderFactory h = transports.headerFactory();
        ViaHeader via = h.createViaHeader(transports.advertisedHost(), transports.port(transport), transport, null);
        via.setRPort();
        Request request = transports
                .messageFactory()
                .createRequest(
                        addresses.createURI(phone.contactUri()),
                        Request.INVITE,
                        h.createCallIdHeader(callId),
                        h.createCSeqHeader(1L, Request.INVITE),
                        h.createFromHeader(
                                from,
                                Long.toHexString(ThreadLocalRandom.current().nextLong())),
                        h.createToHeader(to, null),
                        new ArrayList<>(List.of(via)),
                        h.createMaxForwardsHeader(70));
        request.addHeader(contact);
        request.addHeader(h.createAllowHeader(allow));
        for (String header : headers) {
            int colon = header.indexOf(':');
            request.addHeader(h.createHeader(
                    header.substring(0, colon).strip(),
                    header.substring(colon + 1).strip()));
        }
        return request;
    }

    /**
     * Sends {@code request} (made by {@link #create}): its client transaction and dialog ({@code dialogData} is the
     * dialog's application data, which receives its in-dialog requests), every response on {@code events} to
     * {@code onResponse} with the dialog the stack updated by it, a timeout as a 408 without a dialog.
     */
    public void send(Request request, Object dialogData, Executor events, BiConsumer<Response, Dialog> onResponse)
            throws SipException {
        invite = transports.provider().getNewClientTransaction(request);
        dialog = transports.provider().getNewDialog(invite);
        dialog.setApplicationData(dialogData);
        invite.setApplicationData(new ClientTransactionListener() {
            @Override
            public void onResponse(ResponseEvent e) {
                Response response = e.getResponse();
                Dialog answeredIn = e.getDialog();
                events.execute(() -> {
                    // after a 1xx with a To tag the stack may have made another dialog object for this 2xx (forking)
                    if (response.getStatusCode() >= 200
                            && response.getStatusCode() < 300
                            && answeredIn != null
                            && answeredIn != dialog) {
                        answeredIn.setApplicationData(dialogData);
                        dialog = answeredIn;
                    }
                    onResponse.accept(response, answeredIn);
                });
            }

            @Override
            public void onTimeout(TimeoutEvent e) {
                events.execute(() -> {
                    try {
                        onResponse.accept(
                                transports.messageFactory().createResponse(Response.REQUEST_TIMEOUT, request), null);
                    } catch (ParseException impossible) {
                        throw new IllegalStateException(impossible);
                    }
                });
            }
        });
        NextHopRouter.sendVia(hop, () -> {
            invite.sendRequest();
            return null;
        });
    }

    /** The dialog of the INVITE (the one its 2xx confirmed, once it came). */
    public Dialog dialog() {
        return dialog;
    }

    /** ACKs the 2xx (RFC 3261 §13.2.2.4), with {@code sdp} as the answer when the 2xx carried the offer. */
    public void ack(String sdp) throws SipException, ParseException, InvalidArgumentException {
        Request ack = dialog.createAck(1L);
        if (sdp != null) ack.setContent(sdp, transports.headerFactory().createContentTypeHeader("application", "sdp"));
        NextHopRouter.sendVia(hop, () -> {
            dialog.sendAck(ack);
            return null;
        });
    }

    /** CANCELs the INVITE (RFC 3261 §9.1: only once a provisional response came; the owner waits for one). */
    public void cancel() throws SipException {
        ClientTransaction ct = transports.provider().getNewClientTransaction(invite.createCancel());
        NextHopRouter.sendVia(hop, () -> {
            ct.sendRequest();
            return null;
        });
    }

    /** Whether the INVITE went out (so a CANCEL has something to cancel). */
    public boolean sent() {
        return invite != null;
    }

    /** A new request inside the dialog ({@code BYE}, {@code REFER}), to be completed and passed to {@link #send}. */
    public Request inDialog(String method) throws SipException {
        return dialog.createRequest(method);
    }

    /** Sends a request made by {@link #inDialog}; {@code listener} (or null) hears its final answer. */
    public void send(Request request, ClientTransactionListener listener) throws SipException {
        ClientTransaction ct = transports.provider().getNewClientTransaction(request);
        if (listener != null) ct.setApplicationData(listener);
        NextHopRouter.sendVia(hop, () -> {
            dialog.sendRequest(ct);
            return null;
        });
    }

    /** BYE, with a Reason (RFC 3326) when {@code reason} is given. */
    public void bye(String reason) throws SipException, ParseException, InvalidArgumentException {
        Request bye = inDialog(Request.BYE);
        if (reason != null) bye.addHeader(transports.headerFactory().createReasonHeader("SIP", 200, reason));
        send(bye, null);
    }
}
