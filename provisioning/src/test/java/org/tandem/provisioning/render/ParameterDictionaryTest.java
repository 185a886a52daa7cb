package org.tandem.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.render.dictionary.EmittedParameters;
import org.tandem.provisioning.render.dictionary.EmittedParameters.Parameter;
import org.tandem.provisioning.render.dictionary.ParameterDictionary;
import org.tandem.provisioning.render.dictionary.ValueRule;
import org.tandem.provisioning.vendor.PhoneFamily;
import org.tandem.provisioning.vendor.PhoneModel;
import org.tandem.provisioning.vendor.ProvisionedFile;

/**
 * Every parameter every template emits, for every model, is one its vendor documents, with a value the
 * documentation allows and that agrees with the rest of the file (the protocol code with the URL's scheme,
 * the time zone with the appliance's): {@code src/test/resources/dictionary/<vendor>/<family>.tsv}, each entry
 * citing the vendor document and section. An invented or misspelled name fails here. Directory (phonebook)
 * files hold data, not settings, and are left to {@link GoldenFilesTest}.
 */
class ParameterDictionaryTest {

    static final ValueRule.Facts FACTS = new ValueRule.Facts(
            URI.create(GoldenFilesTest.ENDPOINT.provisioningBase()).getScheme(), ZoneId.of("Europe/Berlin"));

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("org.tandem.provisioning.render.GoldenFilesTest#everyModelAndFile")
    void everyEmittedParameterIsDocumentedWithAValidValue(PhoneFamily family, PhoneModel model, ProvisionedFile file)
            throws Exception {
        if (file.kind() == ProvisionedFile.Kind.DIRECTORY) return;
        ParameterDictionary dictionary = ParameterDictionary.of(family);
        boolean xml = file.contentType().contains("xml");
        List<String> problems = new ArrayList<>();
        // as a phone with credentials gets it, and as one without
        String withCredentials = GoldenFilesTest.render(family, model, file);
        check(dictionary, file, EmittedParameters.of(withCredentials, xml), problems);
        Device device = GoldenFilesTest.fixtureDevice(family, model);
        boolean common = file.kind() == ProvisionedFile.Kind.COMMON;
        String without = GoldenFilesTest.fixtureConfigs()
                .render(
                        family,
                        file,
                        model.name(),
                        common ? null : device,
                        common ? null : GoldenFilesTest.SECRETS,
                        GoldenFilesTest.ENDPOINT,
                        false,
                        false,
                        false);
        check(dictionary, file, EmittedParameters.of(without, xml), problems);
        List<String> names = EmittedParameters.of(withCredentials, xml).stream()
                .map(Parameter::name)
                .toList();
        for (ParameterDictionary.Entry e : dictionary.requiredIn(file.kind().name())) {
            if (names.stream().noneMatch(n -> e.pattern().matcher(n).matches())) {
                problems.add(e.name() + " missing: " + e.source());
            }
        }
        assertThat(problems)
                .as(family.id() + " " + model.name() + " " + file.namePattern())
                .isEmpty();
    }

    /** A family's own zone codes (setting.timezone.<IANA zone>, Snom) are zones Java knows, mapped to valid codes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void everyVendorTimeZoneCodeIsDocumented(PhoneFamily family) {
        ParameterDictionary dictionary = ParameterDictionary.of(family);
        List<String> problems = new ArrayList<>();
        family.settings().forEach((key, code) -> {
            if (!key.startsWith("timezone.")) return;
            String zone = key.substring("timezone.".length());
            if (!ZoneId.getAvailableZoneIds().contains(zone)) problems.add(zone + ": not an IANA zone");
            dictionary
                    .find("phone-settings/timezone")
                    .flatMap(e -> e.rule().check(code, FACTS))
                    .ifPresent(why -> problems.add(zone + " = " + code + ": " + why));
        });
        assertThat(problems).isEmpty();
    }

    static List<PhoneFamily> families() {
        return GoldenFilesTest.CATALOG.families();
    }

    private static void check(
            ParameterDictionary dictionary, ProvisionedFile file, List<Parameter> emitted, List<String> problems) {
        for (Parameter p : emitted) {
            Optional<ParameterDictionary.Entry> entry = dictionary.find(p.name());
            if (entry.isEmpty()) {
                add(problems, p.name() + " = " + p.value() + ": not in the vendor's documentation (dictionary)");
                continue;
            }
            if (ParameterDictionary.forbiddenIn(entry.get(), file.kind().name())) {
                add(
                        problems,
                        p.name() + " = " + p.value() + ": must not be set in a " + file.kind() + " file ["
                                + entry.get().source() + "]");
            }
            entry.get()
                    .rule()
                    .check(p.value(), FACTS)
                    .ifPresent(why -> add(
                            problems,
                            p.name() + " = " + p.value() + ": " + why + " ["
                                    + entry.get().source() + "]"));
        }
    }

    private static void add(List<String> problems, String problem) {
        if (!problems.contains(problem)) problems.add(problem);
    }
}
