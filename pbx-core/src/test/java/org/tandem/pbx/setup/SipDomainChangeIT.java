package org.tandem.pbx.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.config.ExternalAddress;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.DigestAnswer;
import org.tandem.pbx.testsupport.DigestRegistration;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RegisterMessage;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.UdpSipPeer;

/**
 * The SIP domain saved in the setup wizard is in force at once, without a restart (H2, then MariaDB): the
 * registrar challenges with the new realm and serves the new domain, credentials for the old realm no
 * longer count, and the stored domain (not the startup flag) is the one in force after a restart.
 */
class SipDomainChangeIT {

    static final String NEW_DOMAIN = "pbx2.example.test";

    @TempDir
    Path data;

    @Test
    void aDomainSavedInTheWizardIsTheRealmOfTheNextRegister() {
        try (PbxTestContext pbx = PbxTestContext.start(data, Map.of())) {
            pbx.bean(UserDirectory.class).create(new UserDraft("461", "Ida", "s3cret-461", null));
            try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
                SipText before = DigestRegistration.register(
                        phone, register(pbx, phone, PbxTestContext.DOMAIN), "461", "s3cret-461", "MD5");
                assertThat(before.status()).isEqualTo(200);

                pbx.bean(ApplianceSetup.class)
                        .save(new SetupSettings(NEW_DOMAIN, "UTC", "203.0.113.9", null, 587, null, null, null, true));

                RegisterMessage reg = register(pbx, phone, NEW_DOMAIN);
                SipText challenge = phone.exchange(reg.build());
                assertThat(challenge.status()).isEqualTo(401);
                assertThat(DigestAnswer.challenge(challenge, "WWW-Authenticate", "MD5")
                                .get("realm"))
                        .isEqualTo(NEW_DOMAIN);

                // the old realm's credentials (with a fresh nonce) are not ours any more: challenged again
                Map<String, String> oldRealm =
                        new java.util.HashMap<>(DigestAnswer.challenge(challenge, "WWW-Authenticate", "MD5"));
                oldRealm.put("realm", PbxTestContext.DOMAIN);
                reg.cseq(reg.cseq() + 1)
                        .authorization(DigestAnswer.authorization(
                                oldRealm, "MD5", "461", "s3cret-461", "REGISTER", reg.requestUri(), 1, "c-old"));
                SipText refused = phone.exchange(reg.build());
                assertThat(refused.status()).isEqualTo(401);
                assertThat(DigestAnswer.challenge(refused, "WWW-Authenticate", "MD5")
                                .get("realm"))
                        .isEqualTo(NEW_DOMAIN);

                SipText after = DigestRegistration.answer(phone, reg, refused, "461", "s3cret-461", "MD5", 1);
                assertThat(after.status()).isEqualTo(200);

                SipText oldDomain = phone.exchange(
                        register(pbx, phone, PbxTestContext.DOMAIN).build());
                assertThat(oldDomain.status())
                        .as("the old domain is not served any more")
                        .isEqualTo(403);
            }
            assertThat(pbx.bean(ExternalAddress.class).host()).contains("203.0.113.9");
        }
        try (PbxTestContext again = PbxTestContext.start(data, Map.of())) {
            assertThat(again.bean(SipDomain.class).current())
                    .as("the stored domain beats the startup flag")
                    .isEqualTo(NEW_DOMAIN);
            assertThat(again.bean(ExternalAddress.class).host()).contains("203.0.113.9");
            try (UdpSipPeer phone = new UdpSipPeer(again.sipPort())) {
                assertThat(DigestRegistration.register(
                                        phone, register(again, phone, NEW_DOMAIN), "461", "s3cret-461", "MD5")
                                .status())
                        .isEqualTo(200);
            }
        }
    }

    private static RegisterMessage register(PbxTestContext pbx, UdpSipPeer phone, String domain) {
        return new RegisterMessage(pbx.sipPort(), phone.localPort())
                .user("461")
                .domain(domain)
                .contact("<sip:461@127.0.0.1:" + phone.localPort() + ">");
    }
}
