package org.tandem.provisioning.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.tandem.provisioning.Mac;

class VendorCatalogTest {

    final VendorCatalog catalog = new VendorCatalog();

    @Test
    void sixVendorsWithTheirFamiliesAndCapabilities() {
        assertThat(catalog.vendors()).containsExactly("cisco", "fanvil", "grandstream", "polycom", "snom", "yealink");
        assertThat(catalog.model("yealink", "sip-t46s")).hasValueSatisfying(m -> {
            assertThat(m.lines()).isEqualTo(16);
            assertThat(m.expansion()).isEqualTo(3);
            assertThat(m.family()).isEqualTo("yealink/t4x");
        });
        assertThat(catalog.vendorOfMac("0004f2aabbcc")).contains("polycom");
        assertThat(catalog.vendorOfMac("525400aabbcc")).isEmpty();
    }

    @Test
    void aNewerFamilyInheritsFilesSettingsAndTemplatesAndKeepsItsOwnModels() {
        PhoneFamily t5x = catalog.family("yealink/t5x").orElseThrow();
        PhoneFamily t4x = catalog.family("yealink/t4x").orElseThrow();
        assertThat(t5x.chain()).containsExactly("yealink/t5x", "yealink/t4x");
        assertThat(t5x.files()).isEqualTo(t4x.files());
        assertThat(t5x.settings()).isEqualTo(t4x.settings());
        assertThat(t5x.models())
                .extracting(PhoneModel::name)
                .contains("SIP-T54W")
                .doesNotContain("SIP-T46S");
        PhoneFamily mpp = catalog.family("cisco/mpp").orElseThrow();
        assertThat(mpp.files())
                .extracting(ProvisionedFile::namePattern)
                .contains("{mac}.xml")
                .doesNotContain("spa{mac}.xml");
        assertThat(mpp.settings()).containsEntry("configName", "$MA.xml").containsEntry("transport.udp", "UDP");
    }

    @Test
    void aBrokenFamilyNamesTheFile() {
        Properties p = new Properties();
        p.setProperty("parent", "acme/none");
        assertThatThrownBy(() -> new VendorCatalog(Map.of("acme/x", p)))
                .hasMessageContaining("vendors/acme/x/family.properties")
                .hasMessageContaining("acme/none");
        Properties q = new Properties();
        q.setProperty("models", "A1:1:2");
        assertThatThrownBy(() -> new VendorCatalog(Map.of("acme/x", q))).hasMessageContaining("A1:1:2");
    }

    @Test
    void macsAreNormalized() {
        assertThat(Mac.normalize("00:15:65:AA:BB:CC")).contains("001565aabbcc");
        assertThat(Mac.normalize("00-15-65-aa-bb-cc")).contains("001565aabbcc");
        assertThat(Mac.normalize("000000000000")).isEmpty();
        assertThat(Mac.normalize("00156")).isEmpty();
        assertThat(Mac.normalize("../../etc/passwd")).isEmpty();
        assertThat(Mac.colons("001565aabbcc")).isEqualTo("00:15:65:aa:bb:cc");
    }
}
