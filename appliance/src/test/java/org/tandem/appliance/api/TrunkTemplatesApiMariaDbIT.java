package org.tandem.appliance.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.testsupport.mariadb.MariaDbDatabase;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/** {@link TrunkTemplatesApiContract} on MariaDB (one database for this class). */
@MariaDbTest
class TrunkTemplatesApiMariaDbIT extends TrunkTemplatesApiContract {

    @DynamicPropertySource
    static void mariaDb(DynamicPropertyRegistry registry) {
        MariaDbDatabase.register(registry, "trunk_templates_api");
    }
}
