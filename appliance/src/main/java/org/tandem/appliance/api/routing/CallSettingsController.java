package org.tandem.appliance.api.routing;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.routing.CallSettings;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.pbx.routing.RoutingDirectory;

/**
 * A user's call handling: {@code /api/v1/users/{extension}/call-settings} — forwarding, do-not-disturb,
 * ring my mobile too, busy policy, pickup group. Feature codes dialled on a phone change the same
 * settings, so this is also where their effect is seen.
 */
@RestController
@RequestMapping(path = "/api/v1/users/{extension}/call-settings", produces = "application/json")
public class CallSettingsController {

    /** The settings as JSON: destinations in their text form ({@code extension:201}, {@code external:+49...}). */
    public record CallSettingsView(
            String extension,
            boolean dnd,
            String forwardAlways,
            String forwardBusy,
            String forwardNoAnswer,
            int noAnswerSeconds,
            String mobileNumber,
            boolean ringMobile,
            String busyWhen,
            String pickupGroup) {
        static CallSettingsView of(CallSettings s) {
            return new CallSettingsView(
                    s.extension(),
                    s.dnd(),
                    text(s.forwardAlways()),
                    text(s.forwardBusy()),
                    text(s.forwardNoAnswer()),
                    s.noAnswerSeconds(),
                    s.mobileNumber(),
                    s.ringMobile(),
                    s.busyWhen().name(),
                    s.pickupGroup());
        }

        private static String text(Object destination) {
            return destination == null ? null : destination.toString();
        }
    }

    private final RoutingDirectory routing;

    public CallSettingsController(RoutingDirectory routing) {
        this.routing = routing;
    }

    @GetMapping
    public CallSettingsView get(@PathVariable String extension) {
        return CallSettingsView.of(routing.callSettings(extension).orElseThrow(() -> unknown(extension)));
    }

    /** Replaces all settings; a field left out takes its default (off / none / 20 s / ALL). */
    @PutMapping(consumes = "application/json")
    public CallSettingsView put(@PathVariable String extension, @RequestBody CallSettingsDraft draft) {
        return CallSettingsView.of(routing.updateCallSettings(extension, draft).orElseThrow(() -> unknown(extension)));
    }

    private static NotFoundException unknown(String extension) {
        return new NotFoundException("No user has extension " + extension + "; GET /api/v1/users lists them");
    }
}
