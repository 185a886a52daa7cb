package org.tandem.appliance.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.testsupport.mariadb.MariaDbDatabase;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/** The IVR, time condition, conference room and park API on MariaDB (one database for this class). */
@MariaDbTest
class IvrConferenceApiMariaDbIT extends IvrConferenceApiContract {

    @DynamicPropertySource
    static void mariaDb(DynamicPropertyRegistry registry) {
        MariaDbDatabase.register(registry, "ivr_conference_api");
    }
}
