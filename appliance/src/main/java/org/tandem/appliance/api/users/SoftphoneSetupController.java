package org.tandem.appliance.api.users;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.welcome.SoftphoneSetup;

/**
 * {@code POST /api/v1/users/{extension}/softphone-setup}: a fresh one-time address that sets up the user's softphone
 * (issue 17; the same as the welcome e-mail's second QR code, for a user without e-mail or a printed sheet). The
 * user's older unused address stops working. Made from this request's address, like the welcome e-mail's links.
 */
@RestController
public class SoftphoneSetupController {

    /** @param url the one-time address; {@code app} the softphone it is for */
    public record SetupAddress(String url, String app) {}

    private final SoftphoneSetup setup;
    private final UserDirectory users;

    public SoftphoneSetupController(SoftphoneSetup setup, UserDirectory users) {
        this.setup = setup;
        this.users = users;
    }

    @PostMapping(path = "/api/v1/users/{extension}/softphone-setup", produces = "application/json")
    public ResponseEntity<SetupAddress> create(@PathVariable String extension) {
        if (!users.exists(extension)) {
            throw new NotFoundException("No user has extension " + extension + "; GET /api/v1/users lists them");
        }
        String base =
                ServletUriComponentsBuilder.fromCurrentContextPath().path("/").toUriString();
        return ResponseEntity.status(201).body(new SetupAddress(setup.setupUrl(extension, base), setup.appName()));
    }
}
