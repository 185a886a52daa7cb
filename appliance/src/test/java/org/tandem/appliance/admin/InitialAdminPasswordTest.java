package org.tandem.appliance.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InitialAdminPasswordTest {

    @Test
    void generatedPasswordsAreReadableLongAndDifferent() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String p = InitialAdminAccount.generatePassword(random);
            assertThat(p).matches("[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}");
            assertThat(AdminAccounts.passwordProblem(p)).isEmpty();
            seen.add(p);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void passwordRules() {
        assertThat(AdminAccounts.passwordProblem("short")).contains("must be at least 8 characters");
        assertThat(AdminAccounts.passwordProblem("x".repeat(73))).contains("must be at most 72 bytes");
        assertThat(AdminAccounts.passwordProblem("long enough")).isEmpty();
    }

    /** Issue 18: the setup wizard shows the rule next to the password field in the wizard's language. */
    @Test
    void theWebUiReadsThePasswordRuleInThePagesLanguage() {
        WebUiAdminCredentials credentials = new WebUiAdminCredentials(null);
        assertThat(credentials.passwordProblem("short", Locale.GERMAN)).contains("muss mindestens 8 Zeichen lang sein");
        assertThat(credentials.passwordProblem("short", Locale.ENGLISH)).contains("must be at least 8 characters");
        assertThat(credentials.passwordProblem("long enough", Locale.FRENCH)).isEmpty();
    }
}
