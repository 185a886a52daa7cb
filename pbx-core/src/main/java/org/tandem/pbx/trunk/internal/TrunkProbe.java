package org.tandem.pbx.trunk.internal;

import gov.nist.javax.sip.stack.HopImpl;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import org.tandem.pbx.sip.ClientTransactionListener;
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.trunk.TrunkProbes;

/**
 * OPTIONS to a trunk's provider (RFC 3261 §11.1: out of any dialog, Request-URI the provider's domain as for REGISTER,
 * From and To the trunk's account), sent like the trunk's other requests (its transport, its host and port, our Via as
 * the provider sees us). The answer, or {@link #WAIT} without one, completes the result; a 401/407 counts as reachable
 * (OPTIONS is not retried with credentials: the provider answered).
 */
final class TrunkProbe implements TrunkProbes {

    static final Duration WAIT = Duration.ofSeconds(5);

    private final GatewaySip sip;
    private final TrunkDirectory trunks;

    TrunkProbe(GatewaySip sip, TrunkDirectory trunks) {
        this.sip = sip;
        this.trunks = trunks;
    }

    @Override
    public CompletableFuture<Result> probe(String trunkId) {
        Trunk trunk = trunkId == null ? null : trunks.find(trunkId).orElse(null);
        if (trunk == null)
            return CompletableFuture.completedFuture(new Result(false, 0, "there is no trunk " + trunkId, 0));
        long started = System.nanoTime();
        CompletableFuture<Result> result = new CompletableFuture<>();
        try {
            SipURI target = sip.transports().addressFactory().createSipURI(null, trunk.domain());
            if (trunk.fromDomain() == null) target.setPort(trunk.port());
            if (!"udp".equals(trunk.transport())) target.setTransportParam(trunk.transport());
            Address account = sip.address("<sip:" + trunk.username() + "@" + trunk.domain() + ">");
            LegDialog d = new LegDialog(sip.token(12) + "@tandem", account, sip.token(6), account, 0);
            d.remoteTag = null;
            d.remoteTarget = target;
            Request options = d.newRequest(sip, Request.OPTIONS, 1);
            options.addFirst(sip.via(trunk.transport(), trunk.host()));
            options.setHeader(sip.headers().createAcceptHeader("application", "sdp"));
            sip.send(
                    options,
                    new HopImpl(trunk.host(), trunk.port(), trunk.transport().toUpperCase(Locale.ROOT)),
                    new ClientTransactionListener() {
                        @Override
                        public void onResponse(ResponseEvent event) {
                            var r = event.getResponse();
                            if (r.getStatusCode() < 200) return;
                            result.complete(new Result(true, r.getStatusCode(), r.getReasonPhrase(), millis(started)));
                        }

                        @Override
                        public void onTimeout(TimeoutEvent event) {
                            result.complete(noAnswer(trunk, started));
                        }
                    });
        } catch (Exception e) { // ParseException, SipException (a TCP/TLS connection refused), a bad host
            return CompletableFuture.completedFuture(new Result(
                    false,
                    0,
                    "cannot send OPTIONS to " + trunk.host() + ":" + trunk.port() + " over " + trunk.transport() + ": "
                            + e.getMessage(),
                    millis(started)));
        }
        return result.completeOnTimeout(null, WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(r -> r != null ? r : noAnswer(trunk, started));
    }

    private static Result noAnswer(Trunk trunk, long started) {
        return new Result(
                false,
                0,
                "no answer from " + trunk.host() + ":" + trunk.port() + " over " + trunk.transport() + " within "
                        + WAIT.toSeconds() + " s",
                millis(started));
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
