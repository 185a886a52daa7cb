package org.tandem.appliance.api.bans;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.security.AccountLockout;
import org.tandem.pbx.security.AccountLockouts;
import org.tandem.pbx.security.AllowList;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The admin's allow-list (addresses and CIDR blocks never banned) and the per-account login lockouts,
 * beside {@code /api/v1/bans}:
 * <ul>
 * <li>{@code GET /api/v1/security/allow-list} → {@code {"entries":[...]}}; {@code PUT} the same shape
 *     replaces it (400 names each bad {@code entries[i]}); {@code POST {"entry":"10.0.0.0/8"}} adds one (201);
 *     {@code DELETE ?entry=10.0.0.0/8} removes one (204, 404 when absent).</li>
 * <li>{@code GET /api/v1/security/lockouts} (one entry per login name and the address it is locked from,
 *     {@code lastAddress}); {@code DELETE /api/v1/security/lockouts/{account}} unlocks the name from every
 *     address.</li>
 * </ul>
 */
@RestController
@RequestMapping(path = "/api/v1/security", produces = "application/json")
public class SecurityController {

    public record AllowListView(List<String> entries) {}

    private final AllowList allowList;
    private final AccountLockouts lockouts;

    public SecurityController(AllowList allowList, AccountLockouts lockouts) {
        this.allowList = allowList;
        this.lockouts = lockouts;
    }

    @GetMapping("/allow-list")
    public AllowListView allowList() {
        return new AllowListView(allowList.entries());
    }

    @PutMapping(path = "/allow-list", consumes = "application/json")
    public AllowListView replace(@RequestBody AllowListView body) {
        if (body.entries() == null) {
            throw new InvalidInputException("entries", "allow-list.entries");
        }
        return new AllowListView(allowList.replace(body.entries()));
    }

    @PostMapping(path = "/allow-list", consumes = "application/json")
    public ResponseEntity<AllowListView> add(@RequestBody Map<String, String> body) {
        allowList.add(body.get("entry"));
        return ResponseEntity.status(HttpStatus.CREATED).body(new AllowListView(allowList.entries()));
    }

    /** A query parameter, not a path segment: a CIDR block has a '/' in it. */
    @DeleteMapping("/allow-list")
    public ResponseEntity<Void> remove(@RequestParam String entry) {
        if (!allowList.remove(entry)) {
            throw new NotFoundException(entry + " is not on the allow-list; GET /api/v1/security/allow-list lists it");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/lockouts")
    public List<AccountLockout> lockouts() {
        return lockouts.current();
    }

    @DeleteMapping("/lockouts/{account}")
    public ResponseEntity<Void> unlock(@PathVariable String account) {
        if (!lockouts.unlock(account)) {
            throw new NotFoundException(
                    "Login '" + account + "' is not locked; GET /api/v1/security/lockouts lists the locks");
        }
        return ResponseEntity.noContent().build();
    }
}
