package org.tandem.pbx.registrar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes queued behind a running one are committed together, and a bad one fails alone. */
class LocationWriterTest {

    final JdbcDataSource db = dataSource();
    final JdbcClient jdbc = JdbcClient.create(db);
    LocationWriter writer;

    static JdbcDataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:writer" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    LocationWriter writer(int queue) {
        jdbc.sql("CREATE TABLE IF NOT EXISTS t (v INT PRIMARY KEY)").update();
        writer = new LocationWriter(queue, new TransactionTemplate(new DataSourceTransactionManager(db)));
        return writer;
    }

    @AfterEach
    void close() {
        if (writer != null) writer.close();
    }

    long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM t").query(Long.class).single();
    }

    @Test
    void queuedWritesShareOneCommitAndABadOneFailsAlone() throws Exception {
        LocationWriter w = writer(100);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = w.submit(() -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            jdbc.sql("INSERT INTO t VALUES (0)").update();
        });
        List<CompletableFuture<Void>> more = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            int v = i == 5 ? 0 : i; // duplicate key: this one must fail, alone
            more.add(w.submit(() -> jdbc.sql("INSERT INTO t VALUES (?)").param(v).update()));
        }
        release.countDown();
        first.get(5, TimeUnit.SECONDS);
        CompletableFuture.allOf(more.toArray(CompletableFuture[]::new)).handle((x, e) -> null).get(5, TimeUnit.SECONDS);
        assertThat(more.get(4)).isCompletedExceptionally();
        assertThat(more).filteredOn(f -> !f.isCompletedExceptionally()).hasSize(9);
        assertThat(rows()).isEqualTo(10);
    }

    @Test
    void batchCommitsFewerTimesThanWrites() throws Exception {
        LocationWriter w = writer(100);
        CountDownLatch release = new CountDownLatch(1);
        w.submit(() -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<CompletableFuture<Void>> more = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            int v = i;
            more.add(w.submit(() -> jdbc.sql("INSERT INTO t VALUES (?)").param(v).update()));
        }
        release.countDown();
        CompletableFuture.allOf(more.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        assertThat(rows()).isEqualTo(20);
        assertThat(w.commitCount()).isEqualTo(2);
    }

    @Test
    void fullQueueRejectsAtOnce() {
        LocationWriter w = writer(1);
        CountDownLatch release = new CountDownLatch(1);
        w.submit(() -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // the first is running (or queued); fill the queue, then one more must be refused
        List<CompletableFuture<Void>> extra = new ArrayList<>();
        for (int i = 0; i < 3; i++) extra.add(w.submit(() -> { }));
        release.countDown();
        assertThat(extra).anySatisfy(f -> assertThat(f).failsWithin(java.time.Duration.ofSeconds(1))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(RejectedExecutionException.class));
        assertThat(w.rejectedCount()).isPositive();
    }

    @Test
    void closeCommitsWhatIsStillQueued() {
        LocationWriter w = writer(100);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            int v = i;
            all.add(w.submit(() -> jdbc.sql("INSERT INTO t VALUES (?)").param(v).update()));
        }
        w.close();
        writer = null;
        assertThat(all).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(rows()).isEqualTo(50);
    }
}
