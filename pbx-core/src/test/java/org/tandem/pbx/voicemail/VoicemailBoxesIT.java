package org.tandem.pbx.voicemail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.validation.InvalidInputException;

/** Boxes are made with their user, changed, PIN-checked, kept across a restart and removed with the user. */
class VoicemailBoxesIT {

    @Test
    void aUserGetsABoxThatCanBeChangedAndSurvivesARestart(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        try (PbxTestContext pbx = PbxTestContext.start(data)) {
            pbx.bean(UserDirectory.class).create(new UserDraft("301", "Alice", "s3cret-301", "alice@example.com"));
            VoicemailBoxes boxes = pbx.bean(VoicemailBoxes.class);

            VoicemailBox box = boxes.find("301").orElseThrow();
            assertThat(box.enabled()).isTrue();
            assertThat(box.pinSet()).isFalse();
            assertThat(box.greeting()).isEqualTo(Greeting.DEFAULT);
            assertThat(box.maxMessageSeconds()).isEqualTo(180);
            assertThat(box.emailNotify()).isTrue();
            assertThat(box.deleteAfterEmail()).isFalse();
            assertThat(box.email()).isEqualTo("alice@example.com");

            assertThatThrownBy(() -> boxes.update("301", new VoicemailBoxDraft(null, "12a4", 5, "LOUD", null, null)))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).containsOnlyKeys("pin", "maxMessageSeconds", "greeting"));
            assertThatThrownBy(() -> boxes.setPin("301", "123")).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> boxes.setPin("301", "12345678901")).isInstanceOf(InvalidInputException.class);
            assertThat(boxes.find("301").orElseThrow().pinSet()).isFalse();

            VoicemailBox changed = boxes.update("301", new VoicemailBoxDraft(false, "4711", 60, "busy", false, true))
                    .orElseThrow();
            assertThat(changed.enabled()).isFalse();
            assertThat(changed.pinSet()).isTrue();
            assertThat(changed.maxMessageSeconds()).isEqualTo(60);
            assertThat(changed.greeting()).isEqualTo(Greeting.BUSY);
            assertThat(changed.emailNotify()).isFalse();
            assertThat(changed.deleteAfterEmail()).isTrue();
            assertThat(boxes.pinMatches("301", "4711")).isTrue();
            assertThat(boxes.pinMatches("301", "4712")).isFalse();
            assertThat(boxes.update("999", new VoicemailBoxDraft(true, null, null, null, null, null)))
                    .isEmpty();
            assertThat(boxes.setPin("999", "1234")).isFalse();
        }
        try (PbxTestContext again = PbxTestContext.start(data)) {
            VoicemailBoxes boxes = again.bean(VoicemailBoxes.class);
            VoicemailBox box = boxes.find("301").orElseThrow();
            assertThat(box.enabled()).isFalse();
            assertThat(box.greeting()).isEqualTo(Greeting.BUSY);
            assertThat(boxes.pinMatches("301", "4711")).isTrue();
            boxes.setPin("301", "0000123456");
            assertThat(boxes.pinMatches("301", "0000123456")).isTrue();

            assertThat(again.bean(UserDirectory.class).delete("301")).isTrue();
            assertThat(boxes.find("301")).isEmpty();
            assertThat(boxes.list()).extracting(VoicemailBox::extension).doesNotContain("301");
        }
    }
}
