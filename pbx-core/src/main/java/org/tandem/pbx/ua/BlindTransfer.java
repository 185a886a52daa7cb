package org.tandem.pbx.ua;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.sip.ClientTransactionListener;
import org.tandem.pbx.sip.Transferor;

/**
 * A {@link MediaCall}'s blind transfer of its caller (RFC 3515): the REFER in the call's dialog, then the
 * progress of the new call as the caller's phone reports it in NOTIFYs. The dialog itself (answer, re-INVITE, BYE)
 * stays with the call; this class knows only REFER and its outcome. Runs on the call's stripe.
 */
final class BlindTransfer {

    private static final Logger log = LoggerFactory.getLogger(BlindTransfer.class);
    private static final Pattern SIPFRAG_STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3})");

    private final MediaCalls parts;
    private final Dialog dialog;
    private final CallerFlow flow;
    private final String callId;
    private final String label;
    private final Executor stripe;
    private final BooleanSupplier over;
    private final IntConsumer outcome;

    BlindTransfer(
            MediaCalls parts,
            Dialog dialog,
            CallerFlow flow,
            String callId,
            String label,
            Executor stripe,
            BooleanSupplier over,
            IntConsumer outcome) {
        this.parts = parts;
        this.dialog = dialog;
        this.flow = flow;
        this.callId = callId;
        this.label = label;
        this.stripe = stripe;
        this.over = over;
        this.outcome = outcome;
    }

    /** Sends REFER with {@code Refer-To: referTo} and {@code Referred-By}; see {@link MediaCall#refer}. */
    void send(String referTo, String referredBy) {
        try {
            Request refer = dialog.createRequest(Request.REFER);
            var headers = parts.transports().headerFactory();
            var addresses = parts.transports().addressFactory();
            refer.addHeader(headers.createReferToHeader(addresses.createAddress(referTo)));
            refer.addHeader(headers.createHeader("Referred-By", "<" + referredBy + ">"));
            // issue 22: the target is this service's configuration (an IVR option, the parker), which the
            // trunk gateway may carry out for a trunk caller; a REFER without this stamp may not leave the PBX
            Transferor service = Transferor.service(serviceOf(referredBy), dialog.getLocalTag());
            refer.addHeader(
                    headers.createHeader(Transferor.HEADER, parts.signatures().sign(callId, service.encode())));
            ClientTransaction ct = flow.send(() -> parts.transports().provider().getNewClientTransaction(refer));
            ct.setApplicationData(new ClientTransactionListener() {
                @Override
                public void onResponse(ResponseEvent event) {
                    int status = event.getResponse().getStatusCode();
                    if (status >= 200) stripe.execute(() -> report(status));
                }

                @Override
                public void onTimeout(TimeoutEvent event) {
                    stripe.execute(() -> report(Response.REQUEST_TIMEOUT));
                }
            });
            flow.send(() -> {
                dialog.sendRequest(ct);
                return null;
            });
        } catch (SipException | ParseException | RuntimeException e) {
            log.info("Call {} ({}): cannot send REFER to {}: {}", callId, label, referTo, e.getMessage());
            stripe.execute(() -> report(Response.SERVER_INTERNAL_ERROR));
        }
    }

    /** {@code sip:ivr-main@domain} → {@code ivr-main}. */
    private static String serviceOf(String referredBy) {
        String user = referredBy.startsWith("sip:") ? referredBy.substring(4) : referredBy;
        int at = user.indexOf('@');
        return at < 0 ? user : user.substring(0, at);
    }

    /** RFC 3515 §2.4.4: a NOTIFY of the REFER, its body the new call's status line as message/sipfrag. */
    void progress(Request notify) {
        byte[] body = notify.getRawContent();
        if (body == null) return;
        Matcher m = SIPFRAG_STATUS.matcher(new String(body, StandardCharsets.UTF_8).strip());
        if (m.find()) report(Integer.parseInt(m.group(1)));
    }

    private void report(int status) {
        if (!over.getAsBoolean()) outcome.accept(status);
    }
}
