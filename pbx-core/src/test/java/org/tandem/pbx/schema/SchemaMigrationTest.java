package org.tandem.pbx.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** {@link SchemaMigration}: the migration on its own thread, every other connection held back until it is over. */
class SchemaMigrationTest {

    private static JdbcDataSource h2(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    @Test
    void aConnectionWaitsUntilTheMigrationIsOverWhileTheMigrationUsesItsOwn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<DataSource> gated = new AtomicReference<>();
        AtomicReference<String> migratedOn = new AtomicReference<>();
        SchemaMigration migration = new SchemaMigration(flyway -> {
            migratedOn.set(Thread.currentThread().getName());
            try (Connection c = gated.get().getConnection()) { // its own connection passes the gate
                c.createStatement().execute("CREATE TABLE phone (extension VARCHAR(16))");
                release.await(10, TimeUnit.SECONDS);
                c.createStatement().execute("INSERT INTO phone VALUES ('201')");
            } catch (Exception e) {
                throw new FlywayException(e);
            }
        });
        gated.set((DataSource) migration.postProcessAfterInitialization(h2("gate"), "dataSource"));
        assertThat(gated.get()).isInstanceOf(SchemaGatedDataSource.class);

        migration.migrate(null);
        CompletableFuture<Integer> rows = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (Connection c = gated.get().getConnection()) {
                var r = c.createStatement().executeQuery("SELECT COUNT(*) FROM phone");
                r.next();
                rows.complete(r.getInt(1));
            } catch (Throwable e) {
                rows.completeExceptionally(e);
            }
        });
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.getState() == Thread.State.WAITING);
        assertThat(rows).as("held back while the migration runs").isNotDone();
        release.countDown();
        assertThat(rows.get(10, TimeUnit.SECONDS))
                .as("sees the migrated schema and its row")
                .isEqualTo(1);
        assertThat(migratedOn.get()).isEqualTo("tandem-schema-migration");
        migration.afterSingletonsInstantiated();
    }

    @Test
    void aFailedMigrationFailsEveryConnectionAndTheStartWithItsOwnError() {
        SchemaMigration migration = new SchemaMigration(flyway -> {
            throw new FlywayException("Validate failed: Migration checksum mismatch for migration version 42");
        });
        DataSource gated = (DataSource) migration.postProcessAfterInitialization(h2("failed"), "dataSource");
        migration.migrate(null);

        assertThatThrownBy(gated::getConnection)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("could not be migrated")
                .hasMessageContaining("checksum mismatch for migration version 42")
                .hasCauseInstanceOf(FlywayException.class);
        assertThatThrownBy(migration::afterSingletonsInstantiated)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("checksum mismatch for migration version 42");
    }

    @Test
    void withoutAMigrationConnectionsAreNotHeldBackAndTheStartDoesNotWait() throws Exception {
        SchemaMigration migration = new SchemaMigration(flyway -> {
            throw new AssertionError("never run");
        });
        DataSource gated = (DataSource) migration.postProcessAfterInitialization(h2("none"), "dataSource");
        try (Connection c = gated.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
        migration.afterSingletonsInstantiated();
        assertThat(migration.postProcessAfterInitialization("not a data source", "other"))
                .isEqualTo("not a data source");
        assertThat(migration.postProcessAfterInitialization(gated, "again")).isSameAs(gated);
    }

    @Test
    void theGateUnwrapsToThePoolAndClosesIt() throws Exception {
        ClosablePool pool = new ClosablePool(h2("pool"));
        SchemaMigration migration = new SchemaMigration(flyway -> {});
        SchemaGatedDataSource gated = (SchemaGatedDataSource) migration.postProcessAfterInitialization(pool, "ds");
        assertThat(gated.isWrapperFor(ClosablePool.class)).isTrue();
        assertThat(gated.unwrap(ClosablePool.class)).isSameAs(pool);
        gated.close();
        assertThat(pool.closed).isTrue();
    }

    @Test
    void aSecondMigrationIsRefused() {
        SchemaMigration migration = new SchemaMigration(flyway -> {});
        migration.migrate(null);
        assertThatThrownBy(() -> migration.migrate(null)).isInstanceOf(IllegalStateException.class);
    }

    /** A pool as Hikari is one: a data source that is closed with the context. */
    static final class ClosablePool implements DataSource, AutoCloseable {
        final DataSource target;
        boolean closed;

        ClosablePool(DataSource target) {
            this.target = target;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return target.getConnection(u, p);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(this)) return iface.cast(this);
            throw new SQLException("not a " + iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return iface.isInstance(this);
        }
    }
}
