package org.tandem.pbx.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandem.pbx.testsupport.PropertyRecords;

/**
 * Each default is written once, as {@code @DefaultValue} (issue 14): a record built in code with nulls and zeros (as
 * tests and tools do) must equal the one Spring binds when nothing is set.
 */
class PropertyRecordsTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                TandemProperties.class,
                org.tandem.pbx.audit.AuditProperties.class,
                org.tandem.pbx.auth.DigestProperties.class,
                org.tandem.pbx.cdr.CdrProperties.class,
                org.tandem.pbx.messaging.MessagingProperties.class,
                org.tandem.pbx.presence.PresenceProperties.class,
                org.tandem.pbx.proxy.ProxyProperties.class,
                org.tandem.pbx.registrar.RegistrarProperties.class,
                org.tandem.pbx.security.LockoutProperties.class,
                org.tandem.pbx.security.RateLimitProperties.class,
                org.tandem.pbx.security.SecurityProperties.class,
                org.tandem.pbx.sip.SipConnectionProperties.class,
                org.tandem.pbx.sip.SipProperties.class,
                org.tandem.pbx.trunk.TrunkProperties.class,
                org.tandem.pbx.voicemail.VoicemailProperties.class,
                org.tandem.pbx.hold.HoldProperties.class,
                org.tandem.pbx.recording.RecordingProperties.class,
                org.tandem.pbx.xcap.XcapProperties.class
            })
    void builtWithNullsIsBoundWithNothing(Class<?> type) throws ReflectiveOperationException {
        PropertyRecords.assertBuiltWithNullsIsBoundWithNothing(type);
    }
}
