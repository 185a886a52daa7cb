package org.tandem.provisioning.softphone;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /prov/linphone/<token>}: the one-time address a softphone's QR code holds ({@link LinphoneSetup}). Under
 * {@code /prov/} like every phone file: no admin login, banned sources refused first, the same HTTP and HTTPS ports.
 * Never cached by intermediaries. A refusal is a bare 404, whatever the reason.
 */
@RestController
public class LinphoneSetupController {

    private final LinphoneSetup setup;

    public LinphoneSetupController(LinphoneSetup setup) {
        this.setup = setup;
    }

    @GetMapping("/prov/" + LinphoneSetup.PATH + "{token}")
    public ResponseEntity<String> fetch(@PathVariable String token, HttpServletRequest request) {
        String base = ServletUriComponentsBuilder.fromContextPath(request)
                .path("/prov/")
                .build()
                .toUriString();
        return setup.fetch(token, request.getRemoteAddr(), base)
                .map(xml -> ResponseEntity.ok()
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .contentType(MediaType.parseMediaType("application/xml;charset=UTF-8"))
                        .body(xml))
                .orElseGet(() -> ResponseEntity.status(404)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .contentType(MediaType.TEXT_PLAIN)
                        .body(""));
    }
}
