package org.tandem.pbx.trunk.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.routing.TrustedOrigin;
import org.tandem.pbx.sip.ClientTransactionListener;
import org.tandem.pbx.sip.Transferor;

/**
 * A blind transfer of a trunk call by the phone in it (RFC 3515 REFER, RFC 5589 §6): 202 Accepted,
 * NOTIFY "100 Trying"; a new INVITE into the proxy for the Refer-To target, vouched for with a signed
 * {@link TrustedOrigin} linked to this call and offering the provider's session; when the target
 * answers, the provider is re-INVITEd with the target's session, the target takes the phone's place,
 * and the phone gets NOTIFY "200 OK" (then hangs up its side). A failed target gets its status in the
 * final NOTIFY and the call stays as it was. An attended transfer (Refer-To with {@code ?Replaces=},
 * RFC 5589 §7) is the same with a Replaces header on the new INVITE (RFC 3891), so that the target swaps
 * its call with the transferring phone for this one. The new INVITE is placed on the transferor's behalf
 * ({@link TrustedOrigin#onBehalfOf}): the dial plan checks an external target against their outbound class
 * and refuses it with 403 (the final NOTIFY says so) when nobody local asked for it (issue 22). Runs on the
 * call's stripe.
 */
final class CallTransfer implements UacLeg.Events {

    private static final Logger log = LoggerFactory.getLogger(CallTransfer.class);

    private final GatewaySip sip;
    private final TrunkCall call;
    private final LegEnd phone;
    private final LegEnd provider;
    private final Message providerSdp;
    private final String trunk;
    private final GatewayCalls calls;
    private UacLeg target;
    private boolean done;

    CallTransfer(
            GatewaySip sip,
            TrunkCall call,
            LegEnd phone,
            LegEnd provider,
            Message providerSdp,
            String trunk,
            GatewayCalls calls) {
        this.sip = sip;
        this.call = call;
        this.phone = phone;
        this.provider = provider;
        this.providerSdp = providerSdp;
        this.trunk = trunk;
        this.calls = calls;
    }

    boolean done() {
        return done;
    }

    void start(ServerTransaction server, Request refer) {
        ReferToHeader referTo = (ReferToHeader) refer.getHeader(ReferToHeader.NAME);
        if (referTo == null || !(referTo.getAddress().getURI() instanceof SipURI to) || to.getUser() == null) {
            done = true;
            sip.responder().reply(server, refer, Response.BAD_REQUEST);
            return;
        }
        // attended transfer (RFC 5589 §7): the Refer-To names the dialog the target should drop for ours
        String replaces = to.getHeader("Replaces") == null ? null : percentDecoded(to.getHeader("Replaces"));
        sip.responder().reply(server, refer, Response.ACCEPTED);
        notifyPhone("SIP/2.0 100 Trying", "active;expires=60");
        String user = to.getUser();
        try {
            SipURI ruri = sip.transports().addressFactory().createSipURI(user, to.getHost());
            String origin = new TrustedOrigin(trunk, null, null, phone.dialog().callId, onBehalfOf(refer)).encode();
            UacTarget proxy = new UacTarget(
                    null,
                    null,
                    ruri,
                    GatewaySip.selfHop(sip.transports()),
                    "udp",
                    (Address) provider.dialog().remote.clone(),
                    sip.address("<" + ruri + ">"),
                    callId -> replaces == null
                            ? List.of(header(
                                    TrustedOrigin.HEADER, sip.signatures().sign(callId, origin)))
                            : List.of(
                                    header(
                                            TrustedOrigin.HEADER,
                                            sip.signatures().sign(callId, origin)),
                                    header("Replaces", replaces)),
                    null,
                    null,
                    null);
            target = new UacLeg(
                    sip,
                    providerSdp,
                    call.homeCallId(),
                    List.of(proxy),
                    Duration.ofSeconds(8),
                    GatewaySip.CONTACT_PREFIX + sip.token(8),
                    this);
            calls.addContact(target.contactUser, call);
            log.info("Trunk call {} transferred by its phone to {}", provider.dialog().callId, user);
            target.start();
        } catch (ParseException e) {
            failed(Response.BAD_REQUEST, "Bad Refer-To");
        }
    }

    /**
     * Issue 22: the transfer is a call placed on the transferor's behalf, so their outbound class applies to
     * it (Asterisk's security guidance: a transfer runs in the transferor's context). The proxy stamps the
     * REFER with the local user who sent it, a media service stamps its own; without a valid stamp for this
     * dialog side, nobody local asked for the call and it may not leave the PBX.
     */
    private String onBehalfOf(Request refer) {
        String callId = ((CallIdHeader) refer.getHeader(CallIdHeader.NAME)).getCallId();
        String fromTag = ((FromHeader) refer.getHeader(FromHeader.NAME)).getTag();
        String stamp = refer.getHeader(Transferor.HEADER) instanceof ExtensionHeader h ? h.getValue() : null;
        Transferor by = sip.signatures()
                .verify(callId, stamp)
                .flatMap(Transferor::decode)
                .filter(t -> t.fromTag() != null && t.fromTag().equals(fromTag))
                .orElse(null);
        if (by == null) {
            log.info(
                    "REFER in trunk call {} has no transferor stamp of ours: its target may be local only",
                    provider.dialog().callId);
            return TrustedOrigin.NOBODY;
        }
        if (by.service() != null) return null; // an IVR option or the parker: the admin's configuration
        return by.extension() != null ? by.extension() : TrustedOrigin.NOBODY;
    }

    @Override
    public void attempt(UacTarget t) {}

    @Override
    public void attemptEnded(UacTarget t, int status) {}

    @Override
    public void provisional(Response response) {}

    @Override
    public void answered(Response response) {
        target.ack(response, null);
        reInviteProvider(response);
        call.transferred(new LegEnd(target.contactUser, target.dialog, "udp", GatewaySip.selfHop(sip.transports())));
        notifyPhone("SIP/2.0 200 OK", "terminated;reason=noresource");
        done = true;
    }

    @Override
    public void failed(int status, String reason) {
        notifyPhone("SIP/2.0 " + status + " " + (reason == null ? "" : reason), "terminated;reason=noresource");
        done = true;
    }

    /** RFC 3261 §14: the provider's media now goes to the target; its ACK carries nothing new. */
    private void reInviteProvider(Response targetAnswer) {
        try {
            Request reinvite = provider.dialog().newRequest(sip, Request.INVITE);
            reinvite.addFirst(sip.via(provider.transport()));
            reinvite.setHeader(sip.contact(provider.contactUser(), provider.transport()));
            GatewaySip.copyBody(targetAnswer, reinvite);
            sip.send(
                    reinvite,
                    provider.dialog().routeSet.isEmpty() ? provider.hop() : null,
                    new ClientTransactionListener() {
                        @Override
                        public void onResponse(ResponseEvent event) {
                            Response r = event.getResponse();
                            if (r.getStatusCode() / 100 != 2) return;
                            try {
                                long cseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
                                Request ack = provider.dialog().newRequest(sip, Request.ACK, cseq);
                                ack.addFirst(sip.via(provider.transport()));
                                sip.sendStateless(
                                        ack, provider.dialog().routeSet.isEmpty() ? provider.hop() : null);
                            } catch (ParseException | SipException | RuntimeException e) {
                                log.debug("ACK of the re-INVITE: {}", e.getMessage());
                            }
                        }

                        @Override
                        public void onTimeout(TimeoutEvent event) {}
                    });
        } catch (ParseException | SipException | RuntimeException e) {
            log.info("Cannot re-INVITE the provider after a transfer: {}", e.getMessage());
        }
    }

    /** RFC 3515 §2.4.5: the progress of the referred INVITE, as message/sipfrag. */
    private void notifyPhone(String statusLine, String subscriptionState) {
        try {
            Request notify = phone.dialog().newRequest(sip, Request.NOTIFY);
            notify.addFirst(sip.via(phone.transport()));
            notify.setHeader(sip.contact(phone.contactUser(), phone.transport()));
            notify.setHeader(header("Event", "refer"));
            notify.setHeader(header("Subscription-State", subscriptionState));
            ContentTypeHeader type = sip.headers().createContentTypeHeader("message", "sipfrag");
            type.setParameter("version", "2.0");
            notify.setContent(statusLine + "\r\n", type);
            sip.send(notify, phone.dialog().routeSet.isEmpty() ? phone.hop() : null, new UacLeg.IgnoreResponses());
        } catch (ParseException | SipException | RuntimeException e) {
            log.info("Cannot NOTIFY the transferring phone: {}", e.getMessage());
        }
    }

    /** RFC 3986 §2.1 percent-decoding of a URI header value (not form decoding: '+' stays '+'). */
    static String percentDecoded(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%'
                    && i + 2 < s.length()
                    && HexFormat.isHexDigit(s.charAt(i + 1))
                    && HexFormat.isHexDigit(s.charAt(i + 2))) {
                out.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private Header header(String name, String value) {
        try {
            return sip.headers().createHeader(name, value);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private void reply(ServerTransaction server, Request r, int status, String reason) {
        Response response = sip.responder().create(r, status);
        try {
            response.setReasonPhrase(reason);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        sip.responder().send(server, r, response);
    }
}
