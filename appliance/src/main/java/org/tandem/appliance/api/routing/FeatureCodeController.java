package org.tandem.appliance.api.routing;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Feature codes: {@code GET /api/v1/feature-codes} lists every feature with its code;
 * {@code PUT} with {@code {"DND_ON":"*55"}} changes some of them (the whole set is checked).
 */
@RestController
@RequestMapping(path = "/api/v1/feature-codes", produces = "application/json")
public class FeatureCodeController {

    private final RoutingDirectory routing;

    public FeatureCodeController(RoutingDirectory routing) {
        this.routing = routing;
    }

    @GetMapping
    public Map<String, String> get() {
        return view(routing.featureCodes());
    }

    @PutMapping(consumes = "application/json")
    public Map<String, String> put(@RequestBody Map<String, String> changes) {
        Map<Feature, String> parsed = new EnumMap<>(Feature.class);
        Map<String, FieldError> errors = new LinkedHashMap<>();
        changes.forEach((name, code) -> {
            try {
                parsed.put(Feature.valueOf(name.toUpperCase(Locale.ROOT)), code);
            } catch (IllegalArgumentException e) {
                errors.put(name, FieldError.of("feature-code.unknown"));
            }
        });
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return view(routing.updateFeatureCodes(parsed));
    }

    private static Map<String, String> view(Map<Feature, String> codes) {
        Map<String, String> out = new LinkedHashMap<>();
        codes.forEach((f, c) -> out.put(f.name(), c));
        return out;
    }
}
