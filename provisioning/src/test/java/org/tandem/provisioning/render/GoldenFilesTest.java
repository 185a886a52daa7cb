package org.tandem.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.paging.MulticastAddress;
import org.tandem.pbx.paging.PagingGroup;
import org.tandem.pbx.paging.PagingGroups;
import org.tandem.provisioning.ProvisioningProperties;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceKey;
import org.tandem.provisioning.device.DeviceSecrets;
import org.tandem.provisioning.vendor.PhoneFamily;
import org.tandem.provisioning.vendor.PhoneModel;
import org.tandem.provisioning.vendor.ProvisionedFile;
import org.tandem.provisioning.vendor.VendorCatalog;
import org.xml.sax.InputSource;

/**
 * For every supported model, every file its family serves, rendered for one fixed fixture and compared
 * with the committed file under {@code src/test/resources/golden/<vendor>/<family>/<model>/}; then
 * parsed back (XML by a real parser, key=value line by line). After an intended template change, run
 * with {@code -Dgolden.update=true} and review the diff of the golden files.
 */
class GoldenFilesTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final VendorCatalog CATALOG = new VendorCatalog();

    static Stream<Arguments> everyModelAndFile() {
        List<Arguments> all = new ArrayList<>();
        for (PhoneFamily family : CATALOG.families()) {
            for (PhoneModel model : family.models()) {
                for (ProvisionedFile file : family.files()) all.add(Arguments.of(family, model, file));
            }
        }
        return all.stream();
    }

    /** 201 listens to one multicast paging group (issue 18): Yealink, Snom and Cisco name it in their first slot. */
    static final PagingGroup FIXTURE_MULTICAST_GROUP =
            new PagingGroup("700", "Warehouse & Yard", List.of("201"), MulticastAddress.parse("224.0.1.75:5000"));

    static DeviceConfigs fixtureConfigs() {
        return fixtureConfigs(List.of(FIXTURE_MULTICAST_GROUP));
    }

    /** The fixture, with the multicast paging groups the phone's users are members of. */
    static DeviceConfigs fixtureConfigs(List<PagingGroup> multicastGroups) {
        UserDirectory users = mock(UserDirectory.class);
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        User alice = new User("201", "Alice Example", null, t, t);
        User bob = new User("202", "Bob & Co <Sales>", null, t, t);
        when(users.find("201")).thenReturn(Optional.of(alice));
        when(users.find("202")).thenReturn(Optional.of(bob));
        when(users.sipSecret("201")).thenReturn(Optional.of("s3cret-201"));
        when(users.sipSecret("202")).thenReturn(Optional.of("s3cret-202"));
        when(users.list()).thenReturn(List.of(alice, bob));
        ProvisioningProperties props = new ProvisioningProperties(
                6969,
                null,
                0,
                null,
                null,
                "Europe/Berlin",
                "ntp.example.org",
                "de",
                "*97",
                0,
                null,
                null,
                "http://192.0.2.10:8080/firmware/phone.rom",
                null);
        PagingGroups paging = mock(PagingGroups.class);
        when(paging.multicastGroupsOf(org.mockito.ArgumentMatchers.anyCollection()))
                .thenReturn(multicastGroups);
        return new DeviceConfigs(CATALOG, new ConfigRenderer(), users, props, paging);
    }

    static Device fixtureDevice(PhoneFamily family, PhoneModel model) {
        String mac = family.macPrefixes().get(0) + "a1b2c3";
        List<String> lines = model.lines() >= 2 ? List.of("201", "202") : List.of("201");
        List<DeviceKey> keys = new ArrayList<>();
        // the first two keys after the lines' own (Yealink, Snom, Fanvil and Cisco give their first keys to the
        // accounts; a key there is not programmed, KeyPlacementTest)
        if (model.keys() >= lines.size() + 2) {
            keys.add(new DeviceKey(lines.size() + 1, DeviceKey.Kind.BLF, "202", "Bob"));
            keys.add(new DeviceKey(lines.size() + 2, DeviceKey.Kind.SPEED_DIAL, "+4930123456", null));
        }
        if (model.allKeys() > model.keys()) {
            // the first key of the first expansion module, and the first of the second module when it takes two
            keys.add(new DeviceKey(model.keys() + 1, DeviceKey.Kind.BLF, "203", "Carol"));
            if (model.expansion() >= 2) {
                keys.add(new DeviceKey(
                        model.keys() + model.expansionKeys() + 1, DeviceKey.Kind.SPEED_DIAL, "*97", null));
            }
        }
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        return new Device(mac, family.vendor(), model.name(), "1.0", null, lines, keys, true, t, t, null, null);
    }

    static final DeviceSecrets SECRETS = new DeviceSecrets("TOKEN-abc123", "prov-pass", "admin-pass");
    static final DeviceConfigs.Endpoint ENDPOINT =
            new DeviceConfigs.Endpoint("192.0.2.10", 5060, "udp", "pbx.example", "http://192.0.2.10:8080/prov/");

    static String render(PhoneFamily family, PhoneModel model, ProvisionedFile file) {
        return render(fixtureConfigs(), family, model, file);
    }

    static String render(DeviceConfigs configs, PhoneFamily family, PhoneModel model, ProvisionedFile file) {
        Device device = fixtureDevice(family, model);
        boolean common = file.kind() == ProvisionedFile.Kind.COMMON || file.kind() == ProvisionedFile.Kind.DIRECTORY;
        return configs.render(
                family,
                file,
                model.name(),
                common ? null : device,
                common ? null : SECRETS,
                ENDPOINT,
                file.kind() == ProvisionedFile.Kind.CONFIG,
                !common,
                false);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyModelAndFile")
    void renderedFileMatchesTheGoldenFileAndParses(PhoneFamily family, PhoneModel model, ProvisionedFile file)
            throws Exception {
        String text = render(family, model, file);
        Device device = fixtureDevice(family, model);
        Path golden =
                GOLDEN.resolve(family.id()).resolve(model.name()).resolve(file.nameFor(device.mac(), model.name()));
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, text, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file (create with -Dgolden.update=true)").exists();
        assertThat(text).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        parseBack(file, text);
        if (file.kind() == ProvisionedFile.Kind.CONFIG) {
            assertThat(text).contains("s3cret-201").contains("192.0.2.10").contains("TOKEN-abc123");
        } else {
            assertThat(text).doesNotContain("s3cret-").doesNotContain("admin-pass");
        }
    }

    /** What an unassigned phone, or one that proved nothing, gets: still a valid file, and no secret. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyModelAndFile")
    void withoutCredentialsEveryFileStillParsesAndHoldsNoSecret(
            PhoneFamily family, PhoneModel model, ProvisionedFile file) throws Exception {
        Device device = fixtureDevice(family, model);
        Device unassigned = new Device(
                device.mac(),
                device.vendor(),
                device.model(),
                null,
                null,
                List.of(),
                List.of(),
                false,
                device.createdAt(),
                device.updatedAt(),
                null,
                null);
        boolean common = file.kind() == ProvisionedFile.Kind.COMMON || file.kind() == ProvisionedFile.Kind.DIRECTORY;
        for (Device d : List.of(device, unassigned)) {
            String text = fixtureConfigs()
                    .render(
                            family,
                            file,
                            model.name(),
                            common ? null : d,
                            common ? null : SECRETS,
                            ENDPOINT,
                            false,
                            false,
                            false);
            parseBack(file, text);
            assertThat(text)
                    .doesNotContain("s3cret-")
                    .doesNotContain("admin-pass")
                    .doesNotContain("TOKEN-abc123");
        }
    }

    static void parseBack(ProvisionedFile file, String text) throws Exception {
        if (file.contentType().contains("xml")) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        } else {
            assertKeyValue(text);
        }
    }

    /** Yealink CFG: a version header, then comments, {@code include:config "..."} or {@code key = value}. */
    static void assertKeyValue(String text) throws IOException {
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("#!version:1.0.0.1");
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) continue;
            assertThat(line).as("key=value line").matches("include:config \"[^\"]+\"|[A-Za-z0-9_.\\-]+ = [^\\r\\n]*");
        }
    }
}
