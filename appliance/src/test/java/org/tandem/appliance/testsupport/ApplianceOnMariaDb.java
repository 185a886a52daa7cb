package org.tandem.appliance.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/**
 * Runs a Spring test class's appliance on the shared MariaDB test server, in one database that every class
 * carrying this annotation (and otherwise the same configuration) shares: Spring's test context cache then
 * hands them one appliance per test JVM instead of starting one per class. A {@code @DynamicPropertySource}
 * method per class would defeat that (the cache keys on the methods), hence {@link MariaDbContextCustomizers}.
 * The classes must leave the data of other classes alone, as the H2 classes sharing their context do.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@MariaDbTest
public @interface ApplianceOnMariaDb {}
