package org.tandem.pbx.proxy;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.testsupport.mariadb.MariaDbDatabase;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/** The dial plan scenarios with users, settings and ring groups in MariaDB. */
@MariaDbTest
class RoutingCallMariaDbIT extends AbstractRoutingCallIT {

    @DynamicPropertySource
    static void mariaDb(DynamicPropertyRegistry registry) {
        MariaDbDatabase.register(registry, "routing");
    }
}
