package org.tandem.pbx.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.prompt.internal.PromptStore;

/**
 * The prompts are read on a thread of their own, so the appliance's start goes on meanwhile; whoever asks for one
 * first waits for the read, and a read that fails fails whoever waits (the start) with its own exception.
 */
class PromptsReadInBackgroundTest {

    @TempDir
    Path data;

    @Test
    void theConstructorReturnsBeforeTheReadAndAFirstQuestionWaitsForIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread[] readers = new Thread[1];
        Prompts prompts = new Prompts(language -> {
            readers[0] = Thread.currentThread();
            await(release);
            return new PromptStore(language, data, Prompts.ID);
        });

        CompletableFuture<short[]> first = new CompletableFuture<>();
        Thread asking = new Thread(
                () -> {
                    try {
                        first.complete(prompts.get("goodbye"));
                    } catch (RuntimeException e) {
                        first.completeExceptionally(e);
                    }
                },
                "asking");
        asking.start();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> asking.getState() == Thread.State.WAITING); // in the wait
        assertThat(first).as("no prompt before the read is done").isNotDone();

        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isNotEmpty();
        assertThat(readers[0].getName()).isEqualTo("tandem-prompt-load");
        assertThat(readers[0]).isNotSameAs(Thread.currentThread());
    }

    @Test
    void aReadThatFailsFailsTheWaitWithItsOwnException() {
        UncheckedIOException missing = new UncheckedIOException(new java.io.IOException("missing resource x.wav"));
        Prompts prompts = new Prompts(language -> {
            throw missing;
        });

        assertThatThrownBy(prompts::awaitLoaded).isSameAs(missing);
        assertThatThrownBy(() -> prompts.exists("goodbye")).isSameAs(missing);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
