package org.tandem.appliance.api.users;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.directory.WebPasswords;

/**
 * {@code PUT /api/v1/users/{ext}/web-password}: an admin sets a user's portal (and XCAP) password, as the Users page
 * does, for scripts that create users. Stored hashed; never shown again. 400 with {@code webPassword} when it breaks
 * the rules, 404 for no such user.
 */
@RestController
class UserWebPasswordController {

    record WebPasswordRequest(String password) {}

    private final WebPasswords passwords;

    UserWebPasswordController(WebPasswords passwords) {
        this.passwords = passwords;
    }

    @PutMapping(path = "/api/v1/users/{extension}/web-password", consumes = "application/json")
    ResponseEntity<Void> set(@PathVariable String extension, @RequestBody WebPasswordRequest request) {
        if (!passwords.set(extension, request == null ? null : request.password())) {
            throw new NotFoundException("No user has extension " + extension + "; GET /api/v1/users lists them");
        }
        return ResponseEntity.noContent().build();
    }
}
