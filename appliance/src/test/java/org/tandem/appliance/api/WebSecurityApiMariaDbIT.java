package org.tandem.appliance.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.testsupport.mariadb.MariaDbDatabase;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/** CSRF, content types, API tokens and the OPERATOR's limits on MariaDB (a private server from Debian's mariadb-server). */
@MariaDbTest
class WebSecurityApiMariaDbIT extends AbstractWebSecurityApiIT {

    @DynamicPropertySource
    static void mariaDb(DynamicPropertyRegistry registry) {
        MariaDbDatabase.register(registry, "websecurity");
    }
}
