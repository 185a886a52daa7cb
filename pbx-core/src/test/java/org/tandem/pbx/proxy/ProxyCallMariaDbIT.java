package org.tandem.pbx.proxy;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.testsupport.mariadb.MariaDbDatabase;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/** The proxy call scenarios with users and registrations in MariaDB. */
@MariaDbTest
class ProxyCallMariaDbIT extends AbstractProxyCallIT {

    @DynamicPropertySource
    static void mariaDb(DynamicPropertyRegistry registry) {
        MariaDbDatabase.register(registry, "proxy");
    }
}
