package org.tandem.webui.portal.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class TurnCredentialsTest {

    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

    private static TurnCredentials credentials(TurnProperties p) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("clock", NOW);
        return new TurnCredentials(p, beans.getBeanProvider(Clock.class));
    }

    @Test
    void theCredentialIsCoturnsRestApiSchemeForTheUserAndExpiresAfterTheLifetime() {
        TurnCredentials turn = credentials(new TurnProperties(3479, null, "north-wind-7", Duration.ofHours(1), false));
        List<TurnCredentials.IceServer> servers = turn.forUser("701", "pbx.example.com");
        assertThat(servers).hasSize(1);
        TurnCredentials.IceServer s = servers.get(0);
        assertThat(s.urls())
                .containsExactly("turn:pbx.example.com:3479?transport=udp", "turn:pbx.example.com:3479?transport=tcp");
        // expiry = now + 1 h, then the user; the password as Python's hmac/base64 computes it for that username
        assertThat(s.username()).isEqualTo("1700003600:701");
        assertThat(s.credential()).isEqualTo("XfxTp3srHHLPZluMviKk/qVzW+Y=");
    }

    @Test
    void anIpv6PageHostIsBracketedAndConfiguredUrlsFollow() {
        TurnCredentials turn =
                credentials(new TurnProperties(3479, List.of("turns:turn.example.net:5349"), "s", null, true));
        TurnCredentials.IceServer s = turn.forUser("702", "2001:db8::5").get(0);
        assertThat(s.urls())
                .containsExactly(
                        "turn:[2001:db8::5]:3479?transport=udp",
                        "turn:[2001:db8::5]:3479?transport=tcp",
                        "turns:turn.example.net:5349");
        assertThat(s.username()).isEqualTo((1_700_000_000L + 12 * 3600) + ":702");
        assertThat(turn.relayOnly()).isTrue();
    }

    @Test
    void withoutTurnTheBrowserGetsNoIceServers() {
        assertThat(credentials(new TurnProperties(null, null, null, null, null)).forUser("701", "pbx"))
                .isEmpty();
    }

    @Test
    void aTurnServerWithoutItsSecretOrABadUriIsRefusedAtStart() {
        assertThatThrownBy(() -> new TurnProperties(3479, null, " ", null, null))
                .hasMessageContaining("tandem.turn.secret is missing");
        assertThatThrownBy(() -> new TurnProperties(0, List.of("http://turn.example.net"), "s", null, null))
                .hasMessageContaining("no TURN URI");
        assertThatThrownBy(() -> new TurnProperties(0, null, null, null, true))
                .hasMessageContaining("relay-only needs a TURN server");
        assertThatThrownBy(() -> new TurnProperties(3479, null, "s", Duration.ofSeconds(30), null))
                .hasMessageContaining("between 5 minutes and 7 days");
    }
}
