package org.tandem.appliance.testsupport;

import javax.sip.SipFactory;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes the next appliance started in this JVM build a new JAIN-SIP stack. {@link SipFactory} is a JVM
 * singleton that hands out the stack it made earlier under the same STACK_NAME, even after that stack
 * was stopped, so a second context in one test JVM would silently reuse the first context's stack and
 * its TLS certificate. Production runs one stack per process; SipTransports should still use a fresh
 * name per instance (reported to the lead), after which this becomes a no-op.
 */
public final class FreshSipStack implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        forgetStoppedStacks();
    }

    public static synchronized void forgetStoppedStacks() {
        SipFactory.getInstance().resetFactory();
    }
}
