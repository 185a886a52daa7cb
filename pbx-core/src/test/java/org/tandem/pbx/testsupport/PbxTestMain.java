package org.tandem.pbx.testsupport;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;

/**
 * The PBX core in a JVM of its own, for tests that must kill it (kill -9) and look at what survived.
 * Arguments: the data directory, then users as {@code extension:secret}. Prints {@code SIP-PORT n}
 * once SIP is up, then runs until killed. See {@link ForkedPbx}.
 */
public final class PbxTestMain {

    private PbxTestMain() {}

    public static void main(String[] args) throws InterruptedException {
        PbxTestContext pbx = PbxTestContext.start(Path.of(args[0]));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (int i = 1; i < args.length; i++) {
            String[] u = args[i].split(":", 2);
            if (!users.exists(u[0])) users.create(new UserDraft(u[0], "User " + u[0], u[1], null));
        }
        System.out.println("SIP-PORT " + pbx.sipPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
