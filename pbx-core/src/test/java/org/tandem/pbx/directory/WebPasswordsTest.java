package org.tandem.pbx.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The hash an unknown user's login is checked against (issue 23: a constant instead of one made at every start). */
class WebPasswordsTest {

    @Test
    void unknownUsersAreCheckedAgainstAWellFormedHashOfTheEncodersCost() {
        // a malformed hash would make bcrypt answer at once, and an unknown user measurably faster to refuse
        assertThat(Pattern.matches("\\$2a\\$10\\$[./A-Za-z0-9]{53}", WebPasswords.NO_MATCH)).isTrue();
        String known = new BCryptPasswordEncoder().encode("a password");
        assertThat(known.substring(0, 7)).as("the same cost as the users' hashes").isEqualTo(WebPasswords.NO_MATCH.substring(0, 7));
        assertThat(new BCryptPasswordEncoder().matches("", WebPasswords.NO_MATCH)).isFalse();
        assertThat(new BCryptPasswordEncoder().matches("no-such-user-0", WebPasswords.NO_MATCH)).isFalse();
    }
}
