package org.tandem.pbx.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * See {@link PbxOnMariaDb}: sets {@link PbxTestContext#DB_PROPERTY} to {@code mariadb} before the class's own
 * {@code @BeforeAll} methods start a PBX, and puts it back after the class. A system property is the JVM's, which is
 * safe because a test JVM runs one class at a time (failsafe's forks, no JUnit parallel execution), and it is what a
 * {@link ForkedPbx} hands on through {@link PbxTestContext#mariaDbUrl()}.
 */
public class PbxOnMariaDbExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Namespace NAMESPACE = Namespace.create(PbxOnMariaDbExtension.class);
    private static final String NONE = "";

    @Override
    public void beforeAll(ExtensionContext context) {
        String before = System.getProperty(PbxTestContext.DB_PROPERTY, NONE);
        context.getStore(NAMESPACE).put(PbxTestContext.DB_PROPERTY, before);
        System.setProperty(PbxTestContext.DB_PROPERTY, "mariadb");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        String before = context.getStore(NAMESPACE).get(PbxTestContext.DB_PROPERTY, String.class);
        if (before == null || before.equals(NONE)) {
            System.clearProperty(PbxTestContext.DB_PROPERTY);
        } else {
            System.setProperty(PbxTestContext.DB_PROPERTY, before);
        }
    }
}
