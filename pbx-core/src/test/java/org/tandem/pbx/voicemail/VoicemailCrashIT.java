package org.tandem.pbx.voicemail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tandem.pbx.testsupport.ForkedPbx;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.voicemail.internal.DepositPhase;

/**
 * kill -9 of the PBX in each phase of a deposit: after the restart the box holds either the complete
 * message or none, never a row without audio, nothing half-written is left, and the box takes new messages.
 */
class VoicemailCrashIT {

    @ParameterizedTest
    @EnumSource(DepositPhase.class)
    void killMinusNineInAnyPhaseLeavesACompleteMessageOrNone(DepositPhase phase, @TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path wav = Wavs.tone(tmp.resolve("rec.wav"), 440, 2);
        try (ForkedPbx pbx = ForkedPbx.start(VoicemailDepositMain.class, data, phase.name(), wav.toString())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> pbx.output().contains("PHASE " + phase));
            pbx.kill();
        }
        Path box = data.resolve("voicemail").resolve("401");
        try (PbxTestContext again = PbxTestContext.start(data)) {
            VoicemailStore store = again.bean(VoicemailStore.class);
            List<VoicemailMessage> messages = store.list("401", null);
            VoicemailSweep sweep = store.lastSweep();
            assertThat(sweep.rowsWithoutAudioRemoved()).isEmpty();
            if (phase == DepositPhase.ROW_WRITTEN) {
                assertThat(messages).singleElement().satisfies(m -> {
                    assertThat(Files.readAllBytes(store.audio(m.id()).orElseThrow()))
                            .isEqualTo(Files.readAllBytes(wav));
                    assertThat(m.caller()).isEqualTo("402");
                });
                assertThat(sweep.tempFilesDeleted() + sweep.orphanAudioDeleted())
                        .isZero();
            } else {
                assertThat(messages).isEmpty();
                boolean beforeRename = phase == DepositPhase.TEMP_PARTIAL || phase == DepositPhase.TEMP_SYNCED;
                assertThat(sweep.tempFilesDeleted()).isEqualTo(beforeRename ? 1 : 0);
                assertThat(sweep.orphanAudioDeleted()).isEqualTo(beforeRename ? 0 : 1);
            }
            try (var files = Files.list(box)) {
                assertThat(files.map(p -> p.getFileName().toString()).toList())
                        .allMatch(f -> f.endsWith(".wav") && !f.endsWith(".tmp"))
                        .hasSize(messages.size());
            }

            VoicemailMessage next = store.deposit("401", "403", null, wav, Duration.ofSeconds(2));
            assertThat(store.list("401", null))
                    .hasSize(messages.size() + 1)
                    .extracting(VoicemailMessage::id)
                    .contains(next.id());
            assertThat(store.counts("401").newMessages()).isEqualTo(messages.size() + 1);
        }
    }
}
