package org.tandem.appliance.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.testsupport.mariadb.MariaDbDatabase;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/** The network settings over the API on MariaDB (a private server from Debian's mariadb-server). */
@MariaDbTest
class NetworkApiMariaDbIT extends NetworkApiContract {

    @DynamicPropertySource
    static void mariaDb(DynamicPropertyRegistry registry) {
        MariaDbDatabase.register(registry, "network_api");
    }
}
