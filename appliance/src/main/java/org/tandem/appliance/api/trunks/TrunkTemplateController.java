package org.tandem.appliance.api.trunks;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.trunk.ProviderTemplate;
import org.tandem.pbx.trunk.ProviderTemplates;

/**
 * Provider templates for new trunks (issue 17): {@code /api/v1/trunk-templates}, read-only data that ships with
 * Tandem, each with the provider documentation its settings come from. A script creates a trunk from one by posting
 * its settings with {@code "template": "<id>"} to {@code /api/v1/trunks}.
 */
@RestController
@RequestMapping(path = "/api/v1/trunk-templates", produces = "application/json")
public class TrunkTemplateController {

    private final ProviderTemplates templates;

    public TrunkTemplateController(ProviderTemplates templates) {
        this.templates = templates;
    }

    @GetMapping
    public List<ProviderTemplate> list() {
        return templates.list();
    }

    @GetMapping("/{id}")
    public ProviderTemplate get(@PathVariable String id) {
        return templates
                .find(id)
                .orElseThrow(() -> new NotFoundException(
                        "No provider template is named " + id + "; GET /api/v1/trunk-templates lists them"));
    }
}
