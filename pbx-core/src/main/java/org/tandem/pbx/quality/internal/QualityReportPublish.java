package org.tandem.pbx.quality.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.tandem.pbx.auth.AuthOutcome;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.quality.QualityReport;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.NewInvite;
import org.tandem.pbx.sip.SipHandlerSlot;
import org.tandem.pbx.sip.SipRequestHandler;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * The collector of RFC 6035 voice quality reports: a PUBLISH (RFC 3903) with {@code Event: vq-rtcpxr} to the
 * appliance itself, as Yealink, Polycom and Snom phones send at the end of a call when a collector is configured.
 * Digest-authenticated like every request from a phone; {@code application/vq-rtcpxr} only (415 otherwise), at most
 * {@value #MAX_BODY} bytes (413), a body that is no report gets 400 with the reason. The report is written on the
 * quality IO thread and the 200 (with the SIP-ETag and Expires RFC 3903 §6 asks for) goes out once it is stored; a
 * full queue gets 503 with Retry-After.
 */
@Component
public class QualityReportPublish implements SipRequestHandler {

    static final String EVENT = "vq-rtcpxr";
    static final int MAX_BODY = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(QualityReportPublish.class);

    private final SipResponder responder;
    private final SipAuthenticator authenticator;
    private final LocalAddresses local;
    private final SipTransports transports;
    private final SerialExecutors stripes;
    private final ThreadPoolExecutor io;
    private final QualityReportRepository repository;
    private final QualityReportMetrics metrics;

    public QualityReportPublish(
            SipResponder responder,
            SipAuthenticator authenticator,
            LocalAddresses local,
            SipTransports transports,
            @Qualifier("sipCallStripes") SerialExecutors stripes,
            @Qualifier("qualityIo") ThreadPoolExecutor io,
            QualityReportRepository repository,
            QualityReportMetrics metrics) {
        this.responder = responder;
        this.authenticator = authenticator;
        this.local = local;
        this.transports = transports;
        this.stripes = stripes;
        this.io = io;
        this.repository = repository;
        this.metrics = metrics;
    }

    @Override
    public SipHandlerSlot slot() {
        return SipHandlerSlot.QUALITY_REPORTS;
    }

    @Override
    public boolean mayAcceptNewInvite(NewInvite invite) {
        return false; // PUBLISH only
    }

    @Override
    public boolean accepts(InboundRequest inbound) {
        Request request = inbound.request();
        if (!Request.PUBLISH.equals(inbound.method()) || request.getHeader(RouteHeader.NAME) != null) return false;
        EventHeader event = (EventHeader) request.getHeader(EventHeader.NAME);
        return event != null
                && EVENT.equalsIgnoreCase(event.getEventType())
                && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null
                && local.isLocal(request.getRequestURI());
    }

    @Override
    public void handle(InboundRequest inbound) {
        SipResponder.ServerTransactionResult obtained = responder.obtainServerTransaction(inbound);
        if (obtained.retransmission()) return;
        ServerTransaction tx = obtained.transaction();
        Request request = inbound.request();
        AuthOutcome outcome = authenticator.authenticateProxied(inbound);
        if (outcome instanceof AuthOutcome.Rejected rejected) {
            responder.send(tx, request, rejected.response());
            return;
        }
        String reporter = ((AuthOutcome.Authenticated) outcome).extension();
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (type == null
                || !"application".equalsIgnoreCase(type.getContentType())
                || !EVENT.equalsIgnoreCase(type.getContentSubType())) {
            unsupportedType(tx, request);
            return;
        }
        byte[] raw = request.getRawContent();
        if (raw != null && raw.length > MAX_BODY) {
            reply(tx, request, Response.REQUEST_ENTITY_TOO_LARGE, "Quality report over " + MAX_BODY + " bytes");
            return;
        }
        QualityReport report;
        try {
            report = VqReportParser.parse(
                    raw == null ? "" : new String(raw, StandardCharsets.UTF_8), reporter, Instant.now());
        } catch (VqReportParser.InvalidReport e) {
            reply(tx, request, Response.BAD_REQUEST, e.getMessage());
            return;
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        CompletableFuture<Void> stored;
        try {
            stored = CompletableFuture.runAsync(() -> repository.store(report), io);
        } catch (RejectedExecutionException e) {
            busy(tx, request);
            return;
        }
        stored.whenComplete((ok, failure) -> stripes.execute(callId, () -> {
            if (failure != null) {
                log.error(
                        "Quality report from {} for call {} not stored: {}",
                        reporter,
                        report.callId(),
                        failure.toString());
                reply(tx, request, Response.SERVER_INTERNAL_ERROR, "The report could not be stored");
                return;
            }
            log.info(
                    "Quality report from {} for call {}: loss {} %, jitter {} ms, MOS-LQ {}",
                    reporter, report.callId(), report.lossPercent(), report.jitterMillis(), report.mosLq());
            metrics.kept(report);
            accepted(tx, request);
        }));
    }

    /** 200 with a SIP-ETag and the Expires granted (RFC 3903 §6 steps 7-8): the one the phone asked, at most an hour. */
    private void accepted(ServerTransaction tx, Request request) {
        Response r = responder.create(request, Response.OK);
        ExpiresHeader asked = request.getExpires();
        int expires = asked == null ? 3600 : Math.min(Math.max(asked.getExpires(), 0), 3600);
        try {
            r.addHeader(transports
                    .headerFactory()
                    .createHeader("SIP-ETag", UUID.randomUUID().toString()));
            r.addHeader(transports.headerFactory().createExpiresHeader(expires));
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
        responder.send(tx, request, r);
    }

    private void unsupportedType(ServerTransaction tx, Request request) {
        Response r = responder.create(request, Response.UNSUPPORTED_MEDIA_TYPE);
        try {
            r.addHeader(transports.headerFactory().createAcceptHeader("application", EVENT));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        responder.send(tx, request, r);
    }

    private void busy(ServerTransaction tx, Request request) {
        Response r = responder.create(request, Response.SERVICE_UNAVAILABLE);
        try {
            r.addHeader(transports.headerFactory().createRetryAfterHeader(5));
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
        responder.send(tx, request, r);
    }

    private void reply(ServerTransaction tx, Request request, int status, String reason) {
        Response r = responder.create(request, status);
        try {
            r.setReasonPhrase(reason);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        responder.send(tx, request, r);
    }
}
