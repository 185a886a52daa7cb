package org.tandem.appliance.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.testsupport.mariadb.MariaDbDatabase;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/** The audit log API on MariaDB (a private server from Debian's mariadb-server, one database for this class). */
@MariaDbTest
class AuditApiMariaDbIT extends AuditApiContract {

    @DynamicPropertySource
    static void mariaDb(DynamicPropertyRegistry registry) {
        MariaDbDatabase.register(registry, "audit_api");
    }
}
