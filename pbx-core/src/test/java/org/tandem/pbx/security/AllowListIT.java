package org.tandem.pbx.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.DigestRegistration;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RegisterMessage;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.UdpSipPeer;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The admin's allow-list on a real database (H2, and MariaDB as {@link AllowListMariaDbIT}): seeded once from
 * {@code tandem.security.allow-list}, edited at run time, in force at once for SIP digest failures, and
 * kept across a restart.
 */
class AllowListIT {

    @TempDir
    Path data;

    private static final Map<String, String> PROPS =
            Map.of("tandem.security.max-failures", "3", "tandem.security.allow-list", "10.9.0.0/16");

    @Test
    void anAllowListedAddressIsNeverBannedAndRemovalMakesItBannableAgain() {
        try (PbxTestContext pbx = PbxTestContext.start(data, PROPS)) {
            pbx.bean(UserDirectory.class).create(new UserDraft("451", "Hal", "s3cret-451", null));
            AllowList allowList = pbx.bean(AllowList.class);
            BanRegistry bans = pbx.bean(BanRegistry.class);
            assertThat(allowList.entries())
                    .as("seeded from the startup setting")
                    .containsExactly("10.9.0.0/16");

            assertThat(allowList.add(" 127.0.0.0/8 ")).isEqualTo("127.0.0.0/8");
            assertThat(bans.allowList()).containsExactly("10.9.0.0/16", "127.0.0.0/8");
            try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
                for (int i = 0; i < 6; i++) {
                    assertThat(wrongPassword(pbx, phone, i).status())
                            .as("try %d is challenged again, not dropped", i)
                            .isEqualTo(401);
                }
                assertThat(bans.isBanned("127.0.0.1")).isFalse();
                assertThat(bans.current()).isEmpty();

                assertThat(allowList.remove("127.0.0.0/8")).isTrue();
                assertThat(allowList.remove("127.0.0.0/8")).isFalse();
                for (int i = 0; i < 3; i++) wrongPassword(pbx, phone, 10 + i);
                assertThat(bans.isBanned("127.0.0.1"))
                        .as("bannable again once removed")
                        .isTrue();

                allowList.add("127.0.0.1");
                assertThat(bans.isBanned("127.0.0.1"))
                        .as("allow-listing lifts its ban")
                        .isFalse();
                RegisterMessage ok = new RegisterMessage(pbx.sipPort(), phone.localPort())
                        .user("451")
                        .contact("<sip:451@127.0.0.1:" + phone.localPort() + ">");
                assertThat(DigestRegistration.register(phone, ok, "451", "s3cret-451", "MD5")
                                .status())
                        .isEqualTo(200);
            }

            assertThatThrownBy(() -> allowList.add("10.0.0.0/33"))
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors())
                            .containsKey("entry"));
            assertThatThrownBy(() -> allowList.replace(List.of("192.0.2.0/24", "office.example.com")))
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors())
                            .containsOnlyKeys("entries[1]"));
            assertThat(allowList.entries())
                    .as("a bad list changes nothing")
                    .containsExactly("10.9.0.0/16", "127.0.0.1");

            assertThat(allowList.replace(List.of("2001:DB8::/32", "127.0.0.1")))
                    .containsExactlyInAnyOrder("2001:db8::/32", "127.0.0.1");
        }
        try (PbxTestContext again = PbxTestContext.start(data, PROPS)) {
            assertThat(again.bean(AllowList.class).entries())
                    .as("stored, and the startup setting is not seeded twice")
                    .containsExactlyInAnyOrder("2001:db8::/32", "127.0.0.1");
            assertThat(again.bean(BanRegistry.class).allowList())
                    .containsExactlyInAnyOrder("2001:db8::/32", "127.0.0.1");
        }
    }

    private SipText wrongPassword(PbxTestContext pbx, UdpSipPeer phone, int i) {
        RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort())
                .user("451")
                .contact("<sip:451@127.0.0.1:" + phone.localPort() + ">");
        SipText challenge = phone.exchange(reg.build());
        assertThat(challenge.status()).isEqualTo(401);
        return DigestRegistration.answer(phone, reg, challenge, "451", "guess-" + i, "MD5", 1);
    }
}
