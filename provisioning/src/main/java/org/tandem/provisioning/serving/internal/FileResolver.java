package org.tandem.provisioning.serving.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tandem.provisioning.vendor.PhoneFamily;
import org.tandem.provisioning.vendor.PhoneModel;
import org.tandem.provisioning.vendor.ProvisionedFile;
import org.tandem.provisioning.vendor.VendorCatalog;

/**
 * Which family's file a requested name is. Several vendors use the same names ({@code <mac>.cfg} is
 * Yealink's, Polycom's and Fanvil's), so the vendor decides: the known device's, else the one the
 * User-Agent or the MAC's OUI names. A {@code {model}} placeholder only matches the family's own models.
 */
public final class FileResolver {

    public record Resolved(PhoneFamily family, ProvisionedFile file, String mac, String model) {}

    private final VendorCatalog catalog;

    public FileResolver(VendorCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every family file the name could be, before the vendor is known. */
    public List<Resolved> candidates(String fileName) {
        List<Resolved> out = new ArrayList<>();
        for (PhoneFamily family : catalog.families()) {
            for (ProvisionedFile file : family.files()) {
                Optional<ProvisionedFile.Match> m = file.match(fileName);
                if (m.isEmpty()) continue;
                String model = m.get().model();
                if (model != null) {
                    Optional<PhoneModel> known = family.models().stream()
                            .filter(pm -> pm.name().equalsIgnoreCase(model))
                            .findFirst();
                    if (known.isEmpty()) continue;
                    out.add(new Resolved(
                            family, file, m.get().mac(), known.get().name()));
                } else {
                    out.add(new Resolved(family, file, m.get().mac(), null));
                }
            }
        }
        return out;
    }

    /**
     * The one file meant, given the vendor (null = unknown) and the model the phone is (may be null): the
     * family with that model, else the vendor's first family that has the file.
     */
    public Optional<Resolved> choose(List<Resolved> candidates, String vendor, String model) {
        List<Resolved> ofVendor = vendor == null
                ? candidates
                : candidates.stream()
                        .filter(r -> r.family().vendor().equals(vendor))
                        .toList();
        if (ofVendor.isEmpty()) return Optional.empty();
        if (ofVendor.stream().map(r -> r.family().vendor()).distinct().count() > 1) return Optional.empty();
        if (model != null) {
            for (Resolved r : ofVendor) {
                if (r.family().models().stream().anyMatch(pm -> pm.name().equalsIgnoreCase(model)))
                    return Optional.of(r);
            }
        }
        // model unknown: the family the others inherit from (its files and templates are the common ground)
        return ofVendor.stream()
                .min(Comparator.comparingInt(r -> r.family().chain().size()));
    }
}
