package org.tandem.pbx.voicemail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;

/** Deposit, list, read, move and delete messages; what the start-up sweep tidies; a deleted user's audio goes. */
class VoicemailStoreIT {

    @Test
    void messagesAreStoredListedMovedAndDeletedWithEvents(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path wav = Wavs.tone(tmp.resolve("rec.wav"), 440, 1.5);
        try (PbxTestContext pbx = PbxTestContext.start(data)) {
            pbx.bean(UserDirectory.class).create(new UserDraft("311", "Bob", "s3cret-311", null));
            List<Object> events = new CopyOnWriteArrayList<>();
            pbx.context().addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) e -> {
                if (e.getPayload() instanceof VoicemailChanged || e.getPayload() instanceof VoicemailDeposited) {
                    events.add(e.getPayload());
                }
            });
            VoicemailStore store = pbx.bean(VoicemailStore.class);

            VoicemailMessage first = store.deposit("311", "312", "Carol", wav, Duration.ofMillis(1500));
            VoicemailMessage second = store.depositAsync("311", null, null, wav, Duration.ofSeconds(1))
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(first.folder()).isEqualTo(Folder.NEW);
            assertThat(first.caller()).isEqualTo("312");
            assertThat(first.callerName()).isEqualTo("Carol");
            assertThat(first.duration()).isEqualTo(Duration.ofMillis(1500));
            assertThat(first.audioBytes()).isEqualTo(Files.size(wav));
            assertThat(Files.readAllBytes(store.audio(first.id()).orElseThrow()))
                    .isEqualTo(Files.readAllBytes(wav));
            assertThat(store.audio(first.id()).orElseThrow())
                    .startsWith(data.resolve("voicemail").resolve("311"));
            assertThat(store.counts("311")).isEqualTo(new MessageCounts(2, 0));
            assertThat(events)
                    .contains(
                            new VoicemailChanged("311", new MessageCounts(1, 0)),
                            new VoicemailDeposited(first),
                            new VoicemailChanged("311", new MessageCounts(2, 0)));

            assertThat(store.move(first.id(), Folder.SAVED))
                    .hasValueSatisfying(m -> assertThat(m.folder()).isEqualTo(Folder.SAVED));
            assertThat(store.list("311", Folder.SAVED))
                    .extracting(VoicemailMessage::id)
                    .containsExactly(first.id());
            assertThat(store.list("311", Folder.NEW))
                    .extracting(VoicemailMessage::id)
                    .containsExactly(second.id());
            assertThat(store.list("311", null)).hasSize(2);
            assertThat(store.counts("311")).isEqualTo(new MessageCounts(1, 1));
            assertThat(events).last().isEqualTo(new VoicemailChanged("311", new MessageCounts(1, 1)));

            Path audio = store.audio(second.id()).orElseThrow();
            assertThat(store.delete(second.id())).isTrue();
            assertThat(audio).doesNotExist();
            assertThat(store.find(second.id())).isEmpty();
            assertThat(store.delete(second.id())).isFalse();
            assertThat(store.move("nope", Folder.NEW)).isEmpty();
            assertThat(store.counts("311")).isEqualTo(new MessageCounts(0, 1));

            assertThatThrownBy(() -> store.deposit("399", "1", null, wav, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("399");
            Path text = Files.writeString(tmp.resolve("not.wav"), "hello, this is not audio");
            assertThatThrownBy(() -> store.deposit("311", "1", null, text, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a WAV");
            assertThat(store.list("311", null)).hasSize(1);
        }
    }

    @Test
    void theSweepRemovesTempFilesOrphanAudioAndRowsWithoutAudio(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path wav = Wavs.tone(tmp.resolve("rec.wav"), 440, 0.5);
        String kept;
        String lost;
        try (PbxTestContext pbx = PbxTestContext.start(data)) {
            pbx.bean(UserDirectory.class).create(new UserDraft("321", "Dan", "s3cret-321", null));
            VoicemailStore store = pbx.bean(VoicemailStore.class);
            assertThat(store.lastSweep()).isEqualTo(new VoicemailSweep(0, 0, List.of()));
            kept = store.deposit("321", "1", null, wav, Duration.ofMillis(500)).id();
            lost = store.deposit("321", "2", null, wav, Duration.ofMillis(500)).id();
            Files.delete(store.audio(lost).orElseThrow());
        }
        Path box = data.resolve("voicemail").resolve("321");
        Files.writeString(box.resolve("abc.wav.tmp"), "half");
        Files.copy(wav, box.resolve("0123456789abcdef0123456789abcdef.wav"));
        try (PbxTestContext again = PbxTestContext.start(data)) {
            VoicemailStore store = again.bean(VoicemailStore.class);
            assertThat(store.lastSweep()).isEqualTo(new VoicemailSweep(1, 1, List.of(lost)));
            assertThat(store.list("321", null)).extracting(VoicemailMessage::id).containsExactly(kept);
            assertThat(store.counts("321")).isEqualTo(new MessageCounts(1, 0));
            try (var files = Files.list(box)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly(kept + ".wav");
            }

            assertThat(again.bean(UserDirectory.class).delete("321")).isTrue();
            assertThat(box).doesNotExist();
            assertThat(store.find(kept)).isEmpty();
        }
    }
}
