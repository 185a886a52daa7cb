package org.tandem.appliance.api.about;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.operations.backup.ApplianceAbout;

/** {@code GET /api/v1/system/about}: the version and what the appliance runs on, as the About page shows it. */
@RestController
public class AboutController {

    private final ApplianceAbout about;

    public AboutController(ApplianceAbout about) {
        this.about = about;
    }

    @GetMapping(path = "/api/v1/system/about", produces = "application/json")
    public ApplianceAbout.About about() {
        return about.now();
    }
}
