package org.tandem.provisioning.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Identification from User-Agent strings real phones sent (as collected by wazo-provd's plugins and
 * vendors' documentation): vendor, model as the catalog spells it, firmware, MAC, confidence.
 */
class DeviceIdentifierTest {

    final DeviceIdentifier identifier = new DeviceIdentifier(new VendorCatalog());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Yealink SIP-T46S 66.86.0.15 00:15:65:5e:16:7c          | yealink     | SIP-T46S     | 66.86.0.15   | 0015655e167c | EXACT
            Yealink SIP-T31G 124.85.257.55 80:5e:c0:d5:7d:72       | yealink     | SIP-T31G     | 124.85.257.55| 805ec0d57d72 | EXACT
            Yealink SIP-T54W 96.86.0.23 80:5e:c0:11:22:33          | yealink     | SIP-T54W     | 96.86.0.23   | 805ec0112233 | EXACT
            FileTransport PolycomVVX-VVX_411-UA/5.9.5.0614 Type/Application | polycom | VVX411   | 5.9.5.0614   | -            | COMPLETE
            FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application | polycom | VVX450   | 6.4.3.5018   | -            | COMPLETE
            Cisco/SPA508G-7.4.8a (0002FDFF2103)(CBT141400UK)       | cisco       | SPA508G      | 7.4.8a       | 0002fdff2103 | EXACT
            Cisco/SPA525G2-7.4.5 (CBT141900G7)                      | cisco       | SPA525G2     | 7.4.5        | -            | COMPLETE
            Cisco-CP-8841-3PCC/11.3.1 (00562b043615)               | cisco       | 8841-3PCC    | 11.3.1       | 00562b043615 | EXACT
            Grandstream Model HW GXP2170 SW 1.0.9.69 DevId 000b8290c5d1 | grandstream | GXP2170 | 1.0.9.69     | 000b8290c5d1 | EXACT
            Grandstream Model HW GRP2614 SW 1.0.5.15 DevId c074ad0b63ee | grandstream | GRP2614 | 1.0.5.15     | c074ad0b63ee | EXACT
            Mozilla/4.0 (compatible; snomD785-SIP 10.1.33.33 2010.12-00004-g7d6d5f4 000413741767) | snom | D785 | 10.1.33.33 | 000413741767 | EXACT
            Mozilla/4.0 (compatible; snomD345-SIP 10.1.46.16)     | snom        | D345         | 10.1.46.16   | -            | COMPLETE
            Fanvil X4U 2.10.2.6887 0c383e07e16c                    | fanvil      | X4U          | 2.10.2.6887  | 0c383e07e16c | EXACT
            Fanvil X6U Pro 0.0.10 0c383e2cd782                     | fanvil      | X6U Pro      | 0.0.10       | 0c383e2cd782 | EXACT
            """)
    void identifiesRealUserAgents(
            String ua, String vendor, String model, String firmware, String mac, Confidence confidence) {
        DeviceIdentity id = identifier.identify(ua, null).orElseThrow();

        assertThat(id.vendor()).isEqualTo(vendor);
        assertThat(id.model()).isEqualTo(model);
        assertThat(id.firmware()).isEqualTo(firmware);
        assertThat(id.mac()).isEqualTo(mac);
        assertThat(id.confidence()).isEqualTo(confidence);
    }

    @Test
    void aMacPrefixAloneIsProbableAndRanksBelowTheUserAgent() {
        assertThat(identifier.identify("curl/8.5.0", "0004f2123456")).hasValueSatisfying(id -> {
            assertThat(id.vendor()).isEqualTo("polycom");
            assertThat(id.confidence()).isEqualTo(Confidence.PROBABLE);
        });
        assertThat(identifier.candidates("Yealink SIP-T46S 66.86.0.15 00:15:65:5e:16:7c", "0015655e167c"))
                .extracting(DeviceIdentity::confidence)
                .containsExactly(Confidence.EXACT, Confidence.PROBABLE);
    }

    @Test
    void browsersAndUnknownMacsAreNotPhones() {
        assertThat(identifier.identify("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", "525400123456"))
                .isEmpty();
        assertThat(identifier.identify(null, null)).isEmpty();
    }
}
