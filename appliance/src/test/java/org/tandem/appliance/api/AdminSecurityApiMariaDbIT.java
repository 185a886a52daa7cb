package org.tandem.appliance.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.testsupport.mariadb.MariaDbDatabase;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/** Allow-list and account lockout API on MariaDB (a private server from Debian's mariadb-server). */
@MariaDbTest
class AdminSecurityApiMariaDbIT extends AbstractAdminSecurityApiIT {

    @DynamicPropertySource
    static void mariaDb(DynamicPropertyRegistry registry) {
        MariaDbDatabase.register(registry, "adminsecurity");
    }
}
