package org.tandem.pbx.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.presence.internal.Subscriptions;
import org.tandem.pbx.testsupport.FreePorts;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SippRunner;

/**
 * SIPp as a buddy list (RFC 3856), beside the busy lamps' (BusyLampIT) and message-waiting's (MessageWaitingIT)
 * SIPp watchers: the scenario checks each NOTIFY's headers and basic status (closed, then open once the watched
 * user's phone registers, then terminated on unsubscribe); the test validates every body in SIPp's message trace
 * against the PIDF, data-model and RPID schemas.
 */
class PresenceSippIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static final String DOMAIN = PbxTestContext.DOMAIN;
    private static final Pattern NOTIFY =
            Pattern.compile("message received \\[\\d+\\] bytes :\\s*\\n(NOTIFY .*?)(?=\\n-{20,}|\\z)", Pattern.DOTALL);

    @BeforeAll
    static void start() {
        assumeTrue(SippRunner.available(), "SIPp (Debian sip-tester) is not installed");
        pbx = PbxTestContext.start(data, Map.of("tandem.auth.algorithms", "MD5"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        users.create(new UserDraft("497", "User 497", "secret497", null));
        users.create(new UserDraft("498", "User 498", "secret498", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @Test
    void aSippBuddyListSeesAColleagueComeOnline(@TempDir Path work) throws Exception {
        CompletableFuture<SippRunner.Result> watcher = CompletableFuture.supplyAsync(() -> SippRunner.run(
                "/sipp/presence/presence-watch/scenario.xml",
                pbx.sipPort(),
                "u1",
                List.of(
                        "-s",
                        "497",
                        "-au",
                        "498",
                        "-ap",
                        "secret498",
                        "-key",
                        "domain",
                        DOMAIN,
                        "-key",
                        "watcher",
                        "498",
                        "-trace_msg",
                        "-mp",
                        Integer.toString(FreePorts.mediaBlock())),
                work));
        Subscriptions subscriptions = pbx.bean(Subscriptions.class);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> subscriptions.watchers("presence", "497") == 1 || watcher.isDone());
        assertThat(watcher).as("SIPp gave up before its first NOTIFY").isNotDone();
        try (RawPhone phone = new RawPhone(pbx.sipPort(), DOMAIN, "497", "secret497")) {
            phone.register();
            SippRunner.Result r = watcher.get(60, TimeUnit.SECONDS);
            assertThat(r.exitCode()).as(r.output()).isZero();
        }
        List<String> bodies = bodies(work);
        assertThat(bodies).as("closed, open, the last state with terminated").hasSizeGreaterThanOrEqualTo(3);
        for (String body : bodies) PresenceSchema.validate(body);
        assertThat(bodies.get(0)).contains("<basic>closed</basic>");
        assertThat(bodies.get(1)).contains("<basic>open</basic>");
    }

    private static List<String> bodies(Path work) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(work)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("_messages.log"))
                    .toList()) {
                Matcher m = NOTIFY.matcher(Files.readString(f, StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    String message = m.group(1).replace("\r\n", "\n");
                    int blank = message.indexOf("\n\n");
                    if (blank > 0) out.add(message.substring(blank + 2).strip());
                }
            }
        }
        return out;
    }
}
