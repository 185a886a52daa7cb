package org.tandem.pbx.testsupport.mariadb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs on the shared MariaDB test server: the server is started (or the class
 * fails with instructions when MariaDB is not installed) before the class runs, and the class is
 * skipped only when {@code TANDEM_SKIP_MARIADB=1}. Spring tests add
 * {@code @DynamicPropertySource static void db(DynamicPropertyRegistry r) { MariaDbDatabase.register(r, "name"); }}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MariaDbExtension.class)
public @interface MariaDbTest {}
