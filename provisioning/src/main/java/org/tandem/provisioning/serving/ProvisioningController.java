package org.tandem.provisioning.serving;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Phones fetch their files here: {@code GET /prov/<file>} (what DHCP option 66 points at) and
 * {@code GET /prov/d/<token>/<file>} (the per-device URL). No admin login: the phone proves itself
 * per device (see {@link ProvisioningService}). Files are never cached by intermediaries.
 */
@RestController
public class ProvisioningController {

    static final String PREFIX = "/prov/";
    static final String REALM = "Tandem provisioning";

    private final ProvisioningService service;
    private final HttpDigest digest;

    public ProvisioningController(
            ProvisioningService service,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock) {
        this.service = service;
        this.digest = new HttpDigest(REALM, clock.getIfAvailable(Clock::systemUTC));
    }

    @GetMapping(PREFIX + "**")
    public ResponseEntity<byte[]> fetch(HttpServletRequest request) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        String path = uri.length() > PREFIX.length() ? uri.substring(PREFIX.length()) : "";
        PhoneCredentials credentials = credentials(request);
        String base = ServletUriComponentsBuilder.fromContextPath(request)
                .path(PREFIX)
                .build()
                .toUriString();
        ServedFile served = service.serve(new FetchRequest(
                path,
                request.getRemoteAddr(),
                request.isSecure() ? "https" : "http",
                request.getHeader(HttpHeaders.USER_AGENT),
                credentials,
                base));
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(served.status()).header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (served.status() == 401) {
            // RFC 7235 §4.1: every scheme the phone may use, Digest (RFC 7616, SHA-256 before MD5) first
            digest.challenges(credentials != null && credentials.stale())
                    .forEach(c -> answer.header(HttpHeaders.WWW_AUTHENTICATE, c));
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        if (served.status() != 200) {
            return answer.contentType(MediaType.TEXT_PLAIN).body(new byte[0]);
        }
        return answer.contentType(MediaType.parseMediaType(served.contentType() + ";charset=UTF-8"))
                .body(served.body());
    }

    /**
     * Basic or Digest credentials of the request, or null. A digest answer to a nonce this appliance did
     * not make is treated as a wrong login (the user name is kept, so the fetch counts against the source).
     */
    private PhoneCredentials credentials(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) return null;
        if (header.regionMatches(true, 0, "Digest ", 0, 7)) {
            String target =
                    request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            return digest.credentials(header, request.getMethod(), target)
                    .orElseGet(() -> new PhoneCredentials(
                            HttpDigest.parameters(header.substring(7)).getOrDefault("username", ""),
                            "Digest",
                            false,
                            password -> false));
        }
        String[] basic = basicCredentials(header);
        return basic == null ? null : PhoneCredentials.basic(basic[0], basic[1]);
    }

    /** {@code Authorization: Basic base64(user:password)} (RFC 7617), or null. */
    static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return new String[] {"", ""};
        }
    }
}
