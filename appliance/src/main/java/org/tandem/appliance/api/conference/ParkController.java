package org.tandem.appliance.api.conference;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.pbx.park.CallPark;
import org.tandem.pbx.park.ParkSettings;
import org.tandem.pbx.park.ParkSettingsDraft;
import org.tandem.pbx.park.ParkedCallView;

/**
 * Call park settings: {@code GET/PUT /api/v1/park} (orbit range, timeout, return to parker, park code); the calls
 * parked now: {@code GET /api/v1/park/calls}.
 */
@RestController
@RequestMapping(path = "/api/v1/park", produces = "application/json")
public class ParkController {

    public record ParkView(
            boolean enabled,
            String firstOrbit,
            String lastOrbit,
            int timeoutSeconds,
            boolean returnToParker,
            String featureCode) {
        static ParkView of(ParkSettings s) {
            return new ParkView(
                    s.enabled(),
                    s.firstOrbit(),
                    s.lastOrbit(),
                    s.timeoutSeconds(),
                    s.returnToParker(),
                    s.featureCode());
        }
    }

    private final CallPark park;

    public ParkController(CallPark park) {
        this.park = park;
    }

    @GetMapping
    public ParkView get() {
        return ParkView.of(park.settings());
    }

    /** The calls waiting in the orbits now (orbit, caller, parker, parked at, returns at). */
    @GetMapping("/calls")
    public List<ParkedCallView> calls() {
        return park.parked();
    }

    @PutMapping(consumes = "application/json")
    public ParkView put(@RequestBody ParkSettingsDraft draft) {
        return ParkView.of(park.update(draft));
    }
}
