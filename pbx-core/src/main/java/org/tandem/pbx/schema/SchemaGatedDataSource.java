package org.tandem.pbx.schema;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source whose connections wait for the schema migration ({@link SchemaMigration#awaitMigrated()}); once it
 * is over, a volatile read per connection. {@code unwrap} reaches the pool (Spring Boot's pool metrics and health
 * find Hikari through it); {@code close} closes it, for the context's shutdown, which calls the bean's {@code close}
 * (the one inferred for Hikari, now this object's).
 */
final class SchemaGatedDataSource extends DelegatingDataSource implements AutoCloseable {

    private final SchemaMigration migration;

    SchemaGatedDataSource(DataSource target, SchemaMigration migration) {
        super(target);
        this.migration = migration;
    }

    @Override
    public Connection getConnection() throws SQLException {
        migration.awaitMigrated();
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        migration.awaitMigrated();
        return super.getConnection(username, password);
    }

    @Override
    public void close() throws Exception {
        if (obtainTargetDataSource() instanceof AutoCloseable pool) pool.close();
    }
}
