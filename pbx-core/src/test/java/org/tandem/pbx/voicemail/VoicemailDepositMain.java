package org.tandem.pbx.voicemail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.voicemail.internal.DepositPhase;
import org.tandem.pbx.voicemail.internal.DepositProbe;

/**
 * A forked PBX that deposits one message into box 401 and stops in the phase named by the second
 * argument (prints {@code PHASE <phase> <id>}, then waits to be killed). Arguments: data directory,
 * phase, recording. See {@link VoicemailCrashIT}.
 */
public final class VoicemailDepositMain {

    private VoicemailDepositMain() {}

    public static void main(String[] args) throws InterruptedException {
        PbxTestContext pbx = PbxTestContext.start(Path.of(args[0]));
        DepositPhase stopAt = DepositPhase.valueOf(args[1]);
        UserDirectory users = pbx.bean(UserDirectory.class);
        if (!users.exists("401")) users.create(new UserDraft("401", "Crash Test", "s3cret-401", null));
        CountDownLatch never = new CountDownLatch(1);
        DepositProbe probe = (phase, id) -> {
            if (phase != stopAt) return;
            System.out.println("PHASE " + phase + " " + id);
            System.out.flush();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        pbx.context().getBeanFactory().registerSingleton("crashProbe", probe);
        System.out.println("SIP-PORT " + pbx.sipPort());
        System.out.flush();
        pbx.bean(VoicemailStore.class).deposit("401", "402", "Caller", Path.of(args[2]), Duration.ofSeconds(2));
        System.out.println("DEPOSITED");
        never.await();
    }
}
