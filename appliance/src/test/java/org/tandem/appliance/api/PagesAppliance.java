package org.tandem.appliance.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The appliance that the browser page classes of this package share (one per test JVM), apart from the one of the
 * API classes: those create well over 50 users between them, and above Vaadin's page size of 50 a picker filters
 * on the server, where a test that types into it races the list. Here the classes together stay under 50 users.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = "test.appliance=pages")
@interface PagesAppliance {}
