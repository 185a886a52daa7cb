package org.tandem.appliance.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class UnknownSettingsTest {

    @Test
    void aMistypedKeyIsNamedWithItsSourceAndTheOthersAreNot(CapturedOutput output) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources()
                .addFirst(new MapPropertySource(
                        "commandLineArgs",
                        Map.of(
                                "tandem.sip.prot",
                                "5070",
                                "tandem.sip.port",
                                "5070",
                                "tandem.trunk.emergency-numbers[0]",
                                "112",
                                "server.prot",
                                "1")));

        UnknownSettings.warn(env);

        assertThat(output.getOut())
                .contains("tandem.sip.prot (commandLineArgs) is no Tandem setting and is ignored")
                .doesNotContain("tandem.sip.port ")
                .doesNotContain("emergency-numbers")
                .doesNotContain("server.prot");
    }
}
