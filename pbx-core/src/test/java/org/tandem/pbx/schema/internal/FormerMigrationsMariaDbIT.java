package org.tandem.pbx.schema.internal;

import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tandem.pbx.testsupport.mariadb.MariaDbDatabase;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/** {@link FormerMigrationsTest} on MariaDB: the history rewrite (and its shift of installed_rank) in MariaDB's SQL. */
@MariaDbTest
class FormerMigrationsMariaDbIT extends FormerMigrationsTest {

    @Override
    DataSource database() {
        Map<String, Object> db = MariaDbDatabase.properties("former");
        return new DriverManagerDataSource(
                (String) db.get("spring.datasource.url"), (String) db.get("spring.datasource.username"), (String)
                        db.get("spring.datasource.password"));
    }
}
