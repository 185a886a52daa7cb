package org.tandem.pbx.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratedPasswordsTest {

    @Test
    void strongPasswordsUseOnlyUnambiguousCharactersAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String p = GeneratedPasswords.strong();
            assertThat(p).matches("[a-km-zA-HJ-NP-Z2-9]{20}");
            seen.add(p);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void groupedIsTheSamePasswordInFivesForAConsole() {
        String p = GeneratedPasswords.grouped(new SecureRandom());
        assertThat(p).matches("[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}");
    }
}
