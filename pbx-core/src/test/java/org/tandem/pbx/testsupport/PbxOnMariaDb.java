package org.tandem.pbx.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/**
 * Runs a {@link PbxTestContext}-based test class on the private test MariaDB server instead of H2: a subclass
 * {@code XyzMariaDbIT extends XyzIT} carries it, so both run in the same pool of test JVMs (DESIGN.md: the integration
 * tier runs on H2 and on MariaDB). Skipped like every {@link MariaDbTest} only on request.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@MariaDbTest
@ExtendWith(PbxOnMariaDbExtension.class)
public @interface PbxOnMariaDb {}
