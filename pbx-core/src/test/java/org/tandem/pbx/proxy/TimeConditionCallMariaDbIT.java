package org.tandem.pbx.proxy;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.testsupport.mariadb.MariaDbDatabase;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/** Time conditions in the dial plan with users, settings and conditions in MariaDB. */
@MariaDbTest
class TimeConditionCallMariaDbIT extends AbstractTimeConditionCallIT {

    @DynamicPropertySource
    static void mariaDb(DynamicPropertyRegistry registry) {
        MariaDbDatabase.register(registry, "time_conditions");
    }
}
