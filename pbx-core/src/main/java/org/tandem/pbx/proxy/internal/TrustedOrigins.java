package org.tandem.pbx.proxy.internal;

import javax.sip.header.CallIdHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.routing.TrustedOrigin;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.LoopbackSignatures;

/** Checks the signed {@link TrustedOrigin} header of requests this process sent to itself. */
final class TrustedOrigins {

    private static final Logger log = LoggerFactory.getLogger(TrustedOrigins.class);

    private final LoopbackSignatures signatures;

    TrustedOrigins(LoopbackSignatures signatures) {
        this.signatures = signatures;
    }

    /**
     * RFC 3261 does not know it, but we do: a request this process sent to itself vouches for its
     * caller with a signed {@link TrustedOrigin}. The header never leaves the proxy; a forged one is
     * only logged and then ignored (the request is challenged like any other).
     */
    TrustedOrigin verify(InboundRequest inbound) {
        Request request = inbound.request();
        Header header = request.getHeader(TrustedOrigin.HEADER);
        if (header == null) return null;
        request.removeHeader(TrustedOrigin.HEADER);
        String value = header instanceof ExtensionHeader ext
                ? ext.getValue()
                : header.toString()
                        .substring(header.toString().indexOf(':') + 1)
                        .strip();
        var payload = signatures.verify(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId(), value);
        if (payload.isEmpty()) {
            log.warn(
                    "Ignoring a forged {} header on {} from {}:{}",
                    TrustedOrigin.HEADER,
                    request.getMethod(),
                    inbound.sourceAddress(),
                    inbound.sourcePort());
            return null;
        }
        return TrustedOrigin.decode(payload.get()).orElse(null);
    }
}
