package org.tandem.pbx.presence;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Resource lists for tests, from the property {@code tandem.test.resource-lists}: {@code list=owner:m1,m2;...}
 * (e.g. {@code 471-team=471:472,473}). Only in a PBX started with that property.
 */
@Component
@ConditionalOnProperty("tandem.test.resource-lists")
class ConfiguredResourceLists implements ResourceLists {

    private final String spec;

    ConfiguredResourceLists(Environment env) {
        this.spec = env.getProperty("tandem.test.resource-lists", "");
    }

    @Override
    public Optional<ResourceList> find(String list, String event) {
        for (String entry : spec.split(";")) {
            String[] nameAndRest = entry.split("=", 2);
            if (nameAndRest.length < 2 || !nameAndRest[0].equals(list)) continue;
            String[] ownerAndMembers = nameAndRest[1].split(":", 2);
            return Optional.of(new ResourceList(ownerAndMembers[0], Arrays.asList(ownerAndMembers[1].split(","))));
        }
        return Optional.empty();
    }
}
