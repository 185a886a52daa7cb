package org.tandem.pbx.proxy;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.testsupport.mariadb.MariaDbDatabase;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/** Pickup and transfer scenarios with users and settings in MariaDB. */
@MariaDbTest
class PickupTransferMariaDbIT extends AbstractPickupTransferIT {

    @DynamicPropertySource
    static void mariaDb(DynamicPropertyRegistry registry) {
        MariaDbDatabase.register(registry, "pickup");
    }
}
