package org.tandem.pbx.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.Response;
import org.tandem.pbx.auth.AuthOutcome;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/** Test-only digest authenticator (RFC 2617 MD5, no qop), until the real one lands from f/registrar. */
class TestDigestAuthenticator implements SipAuthenticator {

    private final SipTransports transports;
    private final SipResponder responder;
    private final UserDirectory users;
    private final String realm;
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    TestDigestAuthenticator(SipTransports transports, SipResponder responder, UserDirectory users, String realm) {
        this.transports = transports;
        this.responder = responder;
        this.users = users;
        this.realm = realm;
    }

    @Override
    public AuthOutcome authenticateRegister(InboundRequest request) {
        throw new UnsupportedOperationException("proxy tests only");
    }

    @Override
    public AuthOutcome authenticateProxied(InboundRequest inbound) {
        var request = inbound.request();
        var credentials = (ProxyAuthorizationHeader) request.getHeader(ProxyAuthorizationHeader.NAME);
        if (credentials != null && nonces.contains(credentials.getNonce())) {
            Optional<String> secret = users.sipSecret(credentials.getUsername());
            if (secret.isPresent()) {
                String ha1 = md5(credentials.getUsername() + ":" + realm + ":" + secret.get());
                String ha2 = md5(request.getMethod() + ":" + credentials.getURI());
                if (md5(ha1 + ":" + credentials.getNonce() + ":" + ha2).equalsIgnoreCase(credentials.getResponse())) {
                    return new AuthOutcome.Authenticated(credentials.getUsername());
                }
            }
        }
        Response challenge = responder.create(request, Response.PROXY_AUTHENTICATION_REQUIRED);
        try {
            ProxyAuthenticateHeader h = transports.headerFactory().createProxyAuthenticateHeader("Digest");
            h.setRealm(realm);
            byte[] n = new byte[12];
            random.nextBytes(n);
            String nonce = HexFormat.of().formatHex(n);
            nonces.add(nonce);
            h.setNonce(nonce);
            h.setAlgorithm("MD5");
            challenge.addHeader(h);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        return new AuthOutcome.Rejected(challenge);
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
