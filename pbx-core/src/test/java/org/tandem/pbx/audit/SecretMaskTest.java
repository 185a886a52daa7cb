package org.tandem.pbx.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void plainWordsStay() {
        assertThat(SecretMask.mask("changed web password of user 201")).isEqualTo("changed web password of user 201");
        assertThat(SecretMask.mask("changed pin of voicemail box 201")).isEqualTo("changed pin of voicemail box 201");
        assertThat(SecretMask.mask("deleted ring group 600")).isEqualTo("deleted ring group 600");
    }

    @Test
    void apiTokensAndHashesAreMasked() {
        assertThat(SecretMask.mask("token tdm_AbC123-_xyz used")).isEqualTo("token *** used");
        assertThat(SecretMask.mask("hash $2a$10$abcdefghijklmnopqrstuvABCDEFGHIJ0123456789./xy"))
                .isEqualTo("hash ***");
    }

    @Test
    void valuesAfterSecretWordsAreMasked() {
        assertThat(SecretMask.mask("password=hunter2 ok")).isEqualTo("password=*** ok");
        assertThat(SecretMask.mask("PIN: 1234")).isEqualTo("PIN: ***");
        assertThat(SecretMask.mask("sipSecret=abc;x")).isEqualTo("sipSecret=***");
        assertThat(SecretMask.mask("passphrase: \"two words\" end")).isEqualTo("passphrase: *** end");
        assertThat(SecretMask.mask("{\"secret\":\"s3\"}")).doesNotContain("s3");
    }

    @Test
    void nothingIsNothing() {
        assertThat(SecretMask.mask(null)).isNull();
        assertThat(SecretMask.mask("")).isEmpty();
    }
}
