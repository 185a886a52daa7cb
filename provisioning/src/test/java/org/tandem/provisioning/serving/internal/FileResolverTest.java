package org.tandem.provisioning.serving.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tandem.provisioning.vendor.ProvisionedFile;
import org.tandem.provisioning.vendor.VendorCatalog;

/** Each vendor's native file names, and the vendor deciding between names several vendors use. */
class FileResolverTest {

    final FileResolver resolver = new FileResolver(new VendorCatalog());

    @Test
    void aMacCfgIsYealinksPolycomsOrFanvilsAsTheVendorSays() {
        var candidates = resolver.candidates("0015651a2b3c.cfg");
        assertThat(candidates).extracting(r -> r.family().vendor()).contains("yealink", "polycom", "fanvil");
        assertThat(resolver.choose(candidates, null, null)).isEmpty();

        var yealink = resolver.choose(candidates, "yealink", "SIP-T54W").orElseThrow();
        assertThat(yealink.family().id()).isEqualTo("yealink/t5x");
        assertThat(yealink.file().kind()).isEqualTo(ProvisionedFile.Kind.CONFIG);
        assertThat(yealink.mac()).isEqualTo("0015651a2b3c");
        // Polycom's <mac>.cfg is the master file pointing at <mac>-phone.cfg, not the configuration
        assertThat(resolver.choose(candidates, "polycom", null)
                        .orElseThrow()
                        .file()
                        .kind())
                .isEqualTo(ProvisionedFile.Kind.DEVICE);
        assertThat(resolver.choose(candidates, "fanvil", "X4U")
                        .orElseThrow()
                        .family()
                        .id())
                .isEqualTo("fanvil/xu");
        assertThat(resolver.choose(candidates, "fanvil", "X3S")
                        .orElseThrow()
                        .family()
                        .id())
                .isEqualTo("fanvil/x");
        // a Fanvil of unknown model (TFTP, no User-Agent) gets the older format, the family the others do not extend
        assertThat(resolver.choose(candidates, "fanvil", null)
                        .orElseThrow()
                        .family()
                        .id())
                .isEqualTo("fanvil/x");
    }

    @Test
    void everyVendorsOwnNamesResolve() {
        assertThat(only("spa0002fd123456.xml")).isEqualTo("cisco/spa5xx:CONFIG");
        assertThat(only("spa508g.cfg")).isEqualTo("cisco/spa5xx:COMMON");
        assertThat(only("8841-3PCC.xml")).isEqualTo("cisco/mpp:COMMON");
        assertThat(only("cfg000b82123456.xml")).isEqualTo("grandstream/gxp:CONFIG");
        assertThat(only("snomD785.htm")).isEqualTo("snom/d7xx:COMMON");
        assertThat(only("snomD385-000413123456.htm")).isEqualTo("snom/d3xx:DEVICE");
        assertThat(only("000000000000.cfg")).isEqualTo("polycom/vvx5:COMMON");
        assertThat(only("0004f2123456-phone.cfg")).isEqualTo("polycom/vvx5:CONFIG");
        assertThat(only("y000000000000.boot")).isEqualTo("yealink/t4x:COMMON");
    }

    @Test
    void namesOfNoVendorOrUnknownModelsResolveToNothing() {
        assertThat(resolver.candidates("passwd")).isEmpty();
        assertThat(resolver.candidates("spa999x.cfg")).isEmpty();
        assertThat(resolver.candidates("snomD999.htm")).isEmpty();
        // Snom's MAC file is upper-case hex; lower-case is nobody's
        assertThat(resolver.candidates("000413abcdef.xml"))
                .extracting(r -> r.family().vendor())
                .doesNotContain("snom");
    }

    private String only(String name) {
        var chosen = resolver.choose(resolver.candidates(name), null, null).orElseThrow();
        return chosen.family().id() + ":" + chosen.file().kind();
    }
}
