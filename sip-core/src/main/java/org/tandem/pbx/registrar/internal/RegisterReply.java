package org.tandem.pbx.registrar.internal;

import gov.nist.javax.sip.message.SIPResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.auth.DigestChallenge;
import org.tandem.pbx.sip.DatagramShortcut;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * Where the final responses of one REGISTER go, and how they are written (RFC 3261 §10.3): through the stack, in its
 * server transaction or statelessly with its UDP transaction entry ({@link Stack}), or as text from the request read
 * from its datagram ({@link Raw}). {@link Registrar} decides the answer once, for both.
 */
abstract sealed class RegisterReply {

    private static final Logger log = LoggerFactory.getLogger(RegisterReply.class);

    /** Step 8: 200 OK listing every current binding of {@code user}. */
    abstract void ok(String user);

    /** A refusal: {@code reason} null for the standard phrase. */
    abstract void refuse(int status, String reason);

    /** Step 7: 423 Interval Too Brief with Min-Expires (RFC 3261 §10.3, §20.23). */
    abstract void intervalTooBrief(int minExpires);

    /** RFC 3261 §21.5.4: 503 with Retry-After, the write queue being full. */
    abstract void overloaded();

    /** Whether the request came over a connection (TCP, TLS, WebSocket): its send may wait for the peer. */
    abstract boolean reliable();

    abstract String sourceAddress();

    abstract int sourcePort();

    /** Through the stack: its server transaction, or statelessly with the UDP transaction entry. */
    static final class Stack extends RegisterReply {
        private final SipResponder responder;
        private final SipTransports transports;
        private final RegisterOk ok;
        private final UdpRegisterTransactions transactions;
        private final InboundRequest inbound;
        private final Request request;
        private final ServerTransaction tx;
        private final UdpRegisterTransactions.Key udpKey;

        Stack(
                SipResponder responder,
                SipTransports transports,
                RegisterOk ok,
                UdpRegisterTransactions transactions,
                InboundRequest inbound,
                ServerTransaction tx,
                UdpRegisterTransactions.Key udpKey) {
            this.responder = responder;
            this.transports = transports;
            this.ok = ok;
            this.transactions = transactions;
            this.inbound = inbound;
            this.request = inbound.request();
            this.tx = tx;
            this.udpKey = udpKey;
        }

        void send(Response response) {
            responder.send(tx, request, response);
            if (udpKey != null) transactions.answered(udpKey, response);
        }

        @Override
        void ok(String user) {
            send(ok.of(request, user));
        }

        @Override
        void refuse(int status, String reason) {
            Response r = responder.create(request, status);
            try {
                if (reason != null) r.setReasonPhrase(reason);
            } catch (ParseException e) {
                // keep the standard phrase
            }
            send(r);
        }

        @Override
        void intervalTooBrief(int minExpires) {
            Response r = responder.create(request, Response.INTERVAL_TOO_BRIEF);
            try {
                r.addHeader(transports.headerFactory().createMinExpiresHeader(minExpires));
            } catch (InvalidArgumentException e) {
                throw new IllegalStateException(e);
            }
            send(r);
        }

        @Override
        void overloaded() {
            Response busy = responder.create(request, Response.SERVICE_UNAVAILABLE);
            try {
                busy.addHeader(transports.headerFactory().createRetryAfterHeader(5));
            } catch (InvalidArgumentException e) {
                throw new IllegalStateException(e);
            }
            send(busy);
        }

        @Override
        boolean reliable() {
            return inbound.isReliableTransport();
        }

        @Override
        String sourceAddress() {
            return inbound.sourceAddress();
        }

        @Override
        int sourcePort() {
            return inbound.sourcePort();
        }
    }

    /**
     * As text, from the REGISTER read from its datagram, sent from the listening socket; recorded in its UDP transaction
     * entry for retransmissions (a 200 as the AOR's user, as {@link UdpRegisterTransactions#answered} does, another
     * answer as its bytes).
     */
    static final class Raw extends RegisterReply {
        private final RegisterOk ok;
        private final UdpRegisterTransactions transactions;
        private final RawRegister register;
        private final DatagramShortcut.Sender sender;
        private final UdpRegisterTransactions.Key key;

        Raw(
                RegisterOk ok,
                UdpRegisterTransactions transactions,
                RawRegister register,
                DatagramShortcut.Sender sender,
                UdpRegisterTransactions.Key key) {
            this.ok = ok;
            this.transactions = transactions;
            this.register = register;
            this.sender = sender;
            this.key = key;
        }

        @Override
        void ok(String user) {
            send(register.response(Response.OK, "OK", ok.lines(user)));
            transactions.answeredOk(key, user);
        }

        @Override
        void refuse(int status, String reason) {
            answer(status, reason, List.of());
        }

        @Override
        void intervalTooBrief(int minExpires) {
            answer(Response.INTERVAL_TOO_BRIEF, null, List.of("Min-Expires: " + minExpires));
        }

        @Override
        void overloaded() {
            answer(Response.SERVICE_UNAVAILABLE, null, List.of("Retry-After: 5"));
        }

        /** RFC 3261 §22.2: 401 with one WWW-Authenticate per algorithm offered. */
        void challenge(DigestChallenge challenge) {
            answer(Response.UNAUTHORIZED, null, challenge.headerLines("WWW-Authenticate"));
        }

        private void answer(int status, String reason, List<String> lines) {
            byte[] bytes =
                    register.response(status, reason != null ? reason : SIPResponse.getReasonPhrase(status), lines);
            send(bytes);
            transactions.answeredWith(key, bytes);
        }

        void send(byte[] bytes) {
            send(register, sender, bytes);
        }

        @Override
        boolean reliable() {
            return false;
        }

        @Override
        String sourceAddress() {
            return register.sourceAddress();
        }

        @Override
        int sourcePort() {
            return register.sourcePort();
        }

        /** Sends {@code bytes} where the REGISTER's responses go (RFC 3581 §4, RFC 3261 §18.2.2). */
        static void send(RawRegister register, DatagramShortcut.Sender sender, byte[] bytes) {
            try {
                sender.send(bytes, bytes.length, register.source(), register.responsePort());
            } catch (IOException e) {
                log.debug(
                        "Answer to REGISTER from {}:{} not sent: {}",
                        register.sourceAddress(),
                        register.sourcePort(),
                        e.toString());
            }
        }

        /** A response of the stack's, kept for retransmissions, as bytes. */
        static byte[] bytes(Response response) {
            return response.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
