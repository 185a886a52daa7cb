package org.tandem.appliance.api.bans;

import java.util.Comparator;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.security.BanRegistry;

/** Addresses banned after repeated authentication failures: list them, lift one. */
@RestController
@RequestMapping(path = "/api/v1/bans", produces = "application/json")
public class BanController {

    private final BanRegistry bans;

    public BanController(BanRegistry bans) {
        this.bans = bans;
    }

    @GetMapping
    public List<BanView> list() {
        return bans.current().stream()
                .sorted(Comparator.comparing(b -> b.address()))
                .map(BanView::of)
                .toList();
    }

    /**
     * {@code DELETE /api/v1/bans/192.0.2.7}. IPv6 bans cover a /64 (listed as {@code 2001:db8:0:1::/64}): name any
     * address in it, e.g. {@code /api/v1/bans/2001:db8:0:1::} (a path cannot carry the "/64").
     */
    @DeleteMapping("/{address}")
    public ResponseEntity<Void> unban(@PathVariable String address) {
        if (!bans.unban(address)) {
            throw new NotFoundException("Address " + address + " is not banned; GET /api/v1/bans lists the bans");
        }
        return ResponseEntity.noContent().build();
    }
}
