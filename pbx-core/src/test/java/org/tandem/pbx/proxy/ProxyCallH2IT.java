package org.tandem.pbx.proxy;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The proxy call scenarios on the embedded H2 file database (the zero-setup default). */
class ProxyCallH2IT extends AbstractProxyCallIT {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:file:" + DATA.resolve("tandem")
                        + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE");
    }
}
