package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.blackbox.Sipp.Transport;
import org.tandem.appliance.blackbox.TandemApi.Reply;

/**
 * A call's record survives a {@code kill -9} while its events are only in the call record journal: the database gets
 * them at the next start (replayed before the calls left in progress are closed), so the call is answered and ended,
 * not "closed at restart".
 */
class CdrJournalIT {

    /** The database gets journalled call events only after an hour, and no heartbeat flushes them sooner. */
    @RegisterExtension
    // own appliance: an hour's journal flush and heartbeat (startup flags), and a kill -9 restart
    static final TandemExtension tandem =
            new TandemExtension("--tandem.cdr.journal-flush-interval=1h", "--tandem.cdr.heartbeat=1h");

    private static final String PASSWORD = "Journal-secret-1";

    @Test
    void anAnsweredCallSurvivesKillDashNineInTheJournal() {
        for (String ext : List.of("271", "272")) {
            tandem.api().createUser(ext, "User " + ext, PASSWORD);
            tandem.api().voicemailOff(ext);
        }
        int port = FreePorts.udpAndTcp();
        tandem.register("272", PASSWORD, port, Transport.UDP);
        Sipp.Running uas = tandem.sipp("call", "uas.xml")
                .localPort(port)
                .service("272")
                .timeout(Duration.ofSeconds(30))
                .start()
                .awaitListening(port, Transport.UDP);
        tandem.sipp("call-held", "uac.xml")
                .service("271")
                .credentials("271", PASSWORD)
                .key("callee", "272")
                .arg("-d", "1000")
                .runAndAssertSuccess();
        uas.await().assertSuccess();
        // every event the writer took is in the journal, none in the database (no read of the records before the
        // kill: a read would make the writer give the journal to the database)
        Awaitility.await("the call's events journalled")
                .atMost(Duration.ofSeconds(10))
                .until(() -> metric("tandem_cdr_write_queue") == 0 && metric("tandem_cdr_journal_unflushed") >= 3);

        tandem.process().kill9();
        tandem.process().start();

        assertThat(tandem.process().logTail(2000))
                .as("the restart replayed the journal")
                .containsPattern("Call record journal: \\d+ call events from before the last stop replayed");
        Reply reply = tandem.api().send("GET", "/api/v1/cdrs?extension=272", null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode page = reply.json();
        assertThat(page.get("total").asLong()).as("one record of the call").isEqualTo(1);
        JsonNode r = page.get("items").get(0);
        assertThat(r.get("callerExtension").asText()).isEqualTo("271");
        assertThat(r.get("disposition").asText()).isEqualTo("ANSWERED");
        assertThat(r.get("answeredBy").asText()).isEqualTo("272");
        assertThat(r.hasNonNull("endedAt")).as("its end came from the journal").isTrue();
        assertThat(r.get("closedAtRestart").asBoolean())
                .as("not closed as left in progress")
                .isFalse();
        assertThat(r.get("hangupSide").asText()).isEqualTo("CALLER");
        assertThat(r.get("billableSeconds").asLong()).isEqualTo(1);
    }

    /** The value of a Prometheus gauge without labels. */
    private static double metric(String name) {
        Reply r = tandem.api().getText("/actuator/prometheus");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body()
                .lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1).strip()))
                .orElseThrow(() -> new AssertionError("no " + name + " on /actuator/prometheus"));
    }
}
