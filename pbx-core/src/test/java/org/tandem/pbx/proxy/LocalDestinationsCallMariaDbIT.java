package org.tandem.pbx.proxy;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.testsupport.mariadb.MariaDbDatabase;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/** Time conditions and conference room numbers in the dial plan, everything in MariaDB. */
@MariaDbTest
class LocalDestinationsCallMariaDbIT extends AbstractLocalDestinationsCallIT {

    @DynamicPropertySource
    static void mariaDb(DynamicPropertyRegistry registry) {
        MariaDbDatabase.register(registry, "time_conditions");
    }
}
