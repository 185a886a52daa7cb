package org.tandem.webui.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.WebPasswords;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.timecondition.TimeConditions;
import org.tandem.pbx.voicemail.VoicemailBoxes;
import org.tandem.webui.AdminCredentials;
import org.tandem.webui.tokens.ApiTokenAdmin;

class ServiceCallWordingTest {

    /** Stand-ins with the services' method shapes (parameter names matter: -parameters, as in main). */
    @SuppressWarnings("unused")
    static class Shapes {
        public Optional<Item> update(String extension, Item draft) {
            return null;
        }

        public Item create(Item draft) {
            return null;
        }

        public boolean delete(String extension) {
            return false;
        }

        public boolean deleteRingGroup(String number) {
            return false;
        }

        public Item createRingGroup(Item draft) {
            return null;
        }

        public Optional<Item> updateCallSettings(String extension, Item draft) {
            return null;
        }

        public boolean set(String extension, String password) {
            return false;
        }

        public boolean setPin(String extension, String pin) {
            return false;
        }

        public Optional<Optional<Item>> setOverride(
                String name, Boolean forcedOpen, boolean untilNextChange, String by) {
            return null;
        }

        public String importCsv(String csv) {
            return null;
        }

        public void noteFetch(String mac) {}

        public boolean changeRole(String username, String role, String actingUser) {
            return false;
        }

        public boolean resetPassword(String username, String password, String actingUser) {
            return false;
        }

        public boolean revoke(String name) {
            return false;
        }
    }

    record Item(String extension, String number, String displayName, String password) {}

    private static Method m(String name) {
        for (Method m : Shapes.class.getMethods()) {
            if (m.getName().equals(name)) return m;
        }
        throw new AssertionError(name);
    }

    private static String words(Class<?> service, String method, Object result, Object... args) {
        return ServiceCallWording.describe(service, m(method), args, result)
                .map(ServiceCallWording.Wording::words)
                .orElse(null);
    }

    private static final Item USER = new Item("201", null, "Ann", "s3cret-pass");

    @Test
    void changesOfAUser() {
        assertThat(ServiceCallWording.describe(
                        UserDirectory.class, m("update"), new Object[] {"201", USER}, Optional.of(USER)))
                .contains(new ServiceCallWording.Wording("changed user 201", "201"));
        assertThat(words(UserDirectory.class, "create", USER, USER)).isEqualTo("created user 201");
        assertThat(words(UserDirectory.class, "delete", true, "201")).isEqualTo("deleted user 201");
    }

    @Test
    void methodNamesThatNameTheThing() {
        Item group = new Item(null, "600", "Sales", null);
        assertThat(words(RoutingDirectory.class, "deleteRingGroup", true, "600"))
                .isEqualTo("deleted ring group 600");
        assertThat(words(RoutingDirectory.class, "createRingGroup", group, group))
                .isEqualTo("created ring group 600");
        assertThat(words(RoutingDirectory.class, "updateCallSettings", Optional.of(USER), "201", USER))
                .isEqualTo("changed call settings 201");
        assertThat(words(VoicemailBoxes.class, "setPin", true, "201", "4711"))
                .isEqualTo("changed pin of voicemail box 201");
    }

    @Test
    void nothingChangedIsNotRecorded() {
        assertThat(words(UserDirectory.class, "delete", false, "299")).isNull();
        assertThat(words(UserDirectory.class, "update", Optional.empty(), "299", USER))
                .isNull();
        assertThat(ServiceCallWording.changes("noteFetch")).isFalse();
        assertThat(ServiceCallWording.changes("blockedBy")).isFalse();
        assertThat(ServiceCallWording.changes("setPin")).isTrue();
    }

    @Test
    void secretArgumentsNeverAppear() {
        assertThat(words(WebPasswords.class, "set", true, "201", "hunter2-secret"))
                .isEqualTo("changed web password 201")
                .doesNotContain("hunter2");
        assertThat(words(VoicemailBoxes.class, "setPin", true, "201", "4711")).doesNotContain("4711");
        // the CSV holds SIP secrets: not an identifying argument
        assertThat(words(org.tandem.pbx.directory.UserImport.class, "importCsv", "2 users", "201,Ann,s3cret"))
                .isEqualTo("imported users");
        assertThat(words(UserDirectory.class, "create", USER, USER)).doesNotContain("s3cret");
    }

    /** Issue 17: the accounts page and the API tokens page; the new password and the token's secret never appear. */
    @Test
    void accountsAndTokens() {
        assertThat(words(AdminCredentials.class, "changeRole", true, "desk5", "OPERATOR", "admin"))
                .isEqualTo("changed role of admin account desk5");
        assertThat(words(AdminCredentials.class, "resetPassword", true, "desk6", "Reset-pass-66", "admin"))
                .isEqualTo("reset password of admin account desk6")
                .doesNotContain("Reset-pass");
        ApiTokenAdmin.Created created = new ApiTokenAdmin.Created(
                new ApiTokenAdmin.Token("0f1e", "ci-nightly", "ADMIN", "admin", java.time.Instant.EPOCH, null),
                "tdm_secret-secret");
        assertThat(ServiceCallWording.describe(
                                ApiTokenAdmin.class,
                                createOf3(),
                                new Object[] {"ci-nightly", "ADMIN", "admin"},
                                created)
                        .map(ServiceCallWording.Wording::words))
                .contains("created API token ci-nightly");
        assertThat(words(ApiTokenAdmin.class, "revoke", true, "ci-nightly")).isEqualTo("revoked API token ci-nightly");
        assertThat(words(ApiTokenAdmin.class, "revoke", false, "nope")).isNull();
    }

    /** {@link ApiTokenAdmin#create}'s shape, apart from {@link Shapes#create(Item)}. */
    @SuppressWarnings("unused")
    static class TokenShapes {
        public Object create(String name, String role, String owner) {
            return null;
        }
    }

    private static Method createOf3() {
        try {
            return TokenShapes.class.getMethod("create", String.class, String.class, String.class);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theDayNightOverrideSaysWhereTo() {
        Optional<Optional<Item>> done = Optional.of(Optional.empty());
        assertThat(words(TimeConditions.class, "setOverride", done, "office", false, true, "admin"))
                .isEqualTo("switched time condition office to closed");
        assertThat(words(TimeConditions.class, "setOverride", done, "office", true, true, "admin"))
                .isEqualTo("switched time condition office to open");
        assertThat(words(TimeConditions.class, "setOverride", done, "office", null, true, "admin"))
                .isEqualTo("switched time condition office back to its opening hours");
        assertThat(words(TimeConditions.class, "setOverride", Optional.empty(), "nope", false, true, "admin"))
                .isNull();
    }

    @Test
    void nounsFromServiceNames() {
        assertThat(ServiceCallWording.nounOf("TimeConditions")).isEqualTo("time condition");
        assertThat(ServiceCallWording.nounOf("ConferenceRooms")).isEqualTo("conference room");
        assertThat(ServiceCallWording.nounOf("TrunkDirectory")).isEqualTo("trunk");
        assertThat(ServiceCallWording.nounOf("VoicemailBoxes")).isEqualTo("voicemail box");
    }
}
