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
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.WebPasswords;
import org.tandem.pbx.security.BanRegistry;

/** No user enumeration: an unknown user's Basic login costs the same password check as a known one's. */
class XcapUsersTest {

    final UserDirectory users = mock(UserDirectory.class);
    final WebPasswords passwords = mock(WebPasswords.class);
    final XcapUsers xcap = new XcapUsers(users, passwords, mock(BanRegistry.class));

    static MockHttpServletRequest basic(String user, String password) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/xcap/pres-rules/users/x/index");
        r.addHeader("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    @Test
    void anUnknownUsersPasswordIsCheckedAsAKnownUsersIs() {
        when(users.exists("999")).thenReturn(false);
        assertThat(xcap.authenticate(basic("999", "guess-1234"))).isNull();
        // WebPasswords.matches runs bcrypt against a hash that matches nothing for unknown users
        verify(passwords).matches("999", "guess-1234");
    }

    @Test
    void aKnownUserWithTheRightPasswordIsIn() {
        when(users.exists("101")).thenReturn(true);
        when(users.sipSecret("101")).thenReturn(Optional.of("sip-secret"));
        when(passwords.matches("101", "right-password")).thenReturn(true);
        assertThat(xcap.authenticate(basic("101", "right-password"))).isEqualTo("101");
        assertThat(xcap.authenticate(basic("101", "wrong-password"))).isNull();
    }
}
