package org.tandem.pbx.registrar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.testsupport.MutableClock;

/** The prune: expired bindings leave memory and the database; a prune that finds none asks the database nothing. */
class RegistrarMaintenanceTest {

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    final LocationTable table = new LocationTable(clock);
    final JdbcDataSource db = LocationWriterTest.dataSource();
    final JdbcClient jdbc = JdbcClient.create(db);
    final TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db));
    final AtomicInteger deletes = new AtomicInteger();
    final RegistrationStore store = new RegistrationStore(jdbc, tx) {
        @Override
        int deleteExpired(Instant now) {
            deletes.incrementAndGet();
            return super.deleteExpired(now);
        }
    };
    LocationWriter writer; // write-through
    RegistrarMaintenance maintenance;

    void start() {
        writer = new LocationWriter(100, tx, store, new BindingJournal(dir.resolve("j"), false), Duration.ZERO);
        // the timer and the keepalives belong to start(), not used here
        maintenance = new RegistrarMaintenance(
                table, writer, null, null, Duration.ofMinutes(1), Duration.ofSeconds(30), clock);
    }

    @AfterEach
    void stop() {
        if (writer != null) writer.close();
    }

    /** A binding of {@code ext} for {@code seconds}, in memory and (committed) in the database. */
    void register(String ext, int seconds) {
        Binding b = new Binding(
                ext,
                "sip:" + ext + "@192.0.2.7:5060",
                "call-" + ext,
                1,
                clock.instant().plusSeconds(seconds),
                1000,
                "192.0.2.7",
                5060,
                "udp",
                null,
                null,
                0,
                clock.instant());
        table.replace(ext, Map.of(ContactKey.of(b.contactUri()), b));
        writer.submit(new BindingOp.Apply(ext, List.of(b), List.of())).join();
    }

    long rows(String aor) {
        return jdbc.sql("SELECT COUNT(*) FROM registration WHERE aor = ?")
                .param(aor)
                .query(Long.class)
                .single();
    }

    @Test
    void aPruneThatFindsNothingExpiredAsksTheDatabaseNothing() {
        start();
        register("101", 3600);
        long commits = writer.commitCount();
        maintenance.prune();
        register("102", 3600); // the writer takes its work in order: the prune's, had there been any, came first
        assertThat(writer.commitCount())
                .as("only the second registration's commit")
                .isEqualTo(commits + 1);
        assertThat(rows("101")).isEqualTo(1);
    }

    @Test
    void anExpiredBindingLeavesMemoryAndTheDatabase() {
        start();
        register("101", 60);
        register("102", 3600);
        clock.advance(Duration.ofSeconds(61));
        maintenance.prune();
        register("103", 3600); // after the prune's delete, in order
        assertThat(deletes).hasValue(1);
        assertThat(table.lookup("101")).isEmpty();
        assertThat(rows("101")).isZero();
        assertThat(rows("102")).isEqualTo(1);
        assertThat(table.lookup("102")).hasSize(1);
    }
}
