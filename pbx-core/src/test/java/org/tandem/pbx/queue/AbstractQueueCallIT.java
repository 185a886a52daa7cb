package org.tandem.pbx.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.cdr.CallRecords;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.MediaPhone;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;

/**
 * The PBX, its users and the helpers of the queue call tests, {@link QueueCallIT} (the callers' side) and
 * {@link QueueAgentsIT} (the agents'): two classes, each with a PBX of its own, so that their minutes of real-time
 * prompts and music run in two test JVMs at once instead of one after the other.
 */
abstract class AbstractQueueCallIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data, Map.of());
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : List.of(
                "601", "602", "603", "604", "605", "606", "607", "608", "609", "801", "811", "812", "821", "831", "611",
                "612", "613", "614", "615", "616", "841", "842", "843", "844", "845", "846", "847", "851", "852", "853",
                "854", "855", "617", "861", "862")) {
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
        }
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    static MediaPhone phone(String ext) throws Exception {
        return MediaPhone.of(pbx.sipPort(), ext);
    }

    static CallQueues queues() {
        return pbx.bean(CallQueues.class);
    }

    static QueueCalls live() {
        return pbx.bean(QueueCalls.class);
    }

    static List<String> waiting(String queue) {
        return live().status(queue).orElseThrow().waiting().stream()
                .map(QueueStatus.WaitingCaller::callerNumber)
                .toList();
    }

    /** The agent's phone is rung by the queue: it answers 200 with its own SDP and points its RTP at the queue's. */
    static RawPhone.Leg answer(MediaPhone agent, SipText invite) {
        agent.rtp().answeredBy(invite.body());
        return agent.sip().respond(invite, 200, "OK");
    }

    static List<QueueStatus.Agent> agents(String queue) {
        return live().status(queue).orElseThrow().agents();
    }

    /** The queue outcome in the call record of the call {@code callId} (once the record is written). */
    static void awaitOutcome(String callId, CallQueued.Outcome outcome, String agent) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var q = pbx.bean(CallRecords.class).find(callId).orElseThrow().queue();
            assertThat(q).isNotNull();
            assertThat(q.outcome()).isEqualTo(outcome);
            assertThat(q.agent()).isEqualTo(agent);
        });
    }

    static SipText catchWait(java.util.concurrent.Callable<SipText> wait) {
        try {
            return wait.call();
        } catch (Throwable expected) {
            return null;
        }
    }
}
