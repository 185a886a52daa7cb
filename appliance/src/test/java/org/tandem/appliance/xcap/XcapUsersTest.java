package org.tandem.appliance.xcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.tandem.pbx.credentials.WebCredentials;
import org.tandem.pbx.credentials.WebCredentials.Door;
import org.tandem.pbx.credentials.WebLogin;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.security.BanRegistry;

/**
 * A Basic login is the store of web passwords' XCAP login (which costs an unknown user the same check as a known one:
 * {@code WebCredentialsTest}); a digest answer is checked here.
 */
class XcapUsersTest {

    final UserDirectory users = mock(UserDirectory.class);
    final WebCredentials credentials = mock(WebCredentials.class);
    final XcapUsers xcap = new XcapUsers(users, credentials, mock(BanRegistry.class));

    static MockHttpServletRequest basic(String user, String password) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/xcap/pres-rules/users/x/index");
        r.addHeader(
                "Authorization",
                "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    @Test
    void anUnknownUsersPasswordIsCheckedAsAKnownUsersIs() {
        when(users.exists("999")).thenReturn(false);
        assertThat(xcap.authenticate(basic("999", "guess-1234"))).isNull();
        verify(credentials).login(Door.XCAP, "999", "guess-1234", "127.0.0.1");
    }

    @Test
    void aKnownUserWithTheRightPasswordIsIn() {
        when(users.exists("101")).thenReturn(true);
        when(users.sipSecret("101")).thenReturn(Optional.of("sip-secret"));
        when(credentials.login(Door.XCAP, "101", "right-password", "127.0.0.1"))
                .thenReturn(Optional.of(new WebLogin("101", WebLogin.Kind.USER, WebLogin.USER_ROLE)));
        assertThat(xcap.authenticate(basic("101", "right-password"))).isEqualTo("101");
        assertThat(xcap.authenticate(basic("101", "wrong-password"))).isNull();
    }
}
