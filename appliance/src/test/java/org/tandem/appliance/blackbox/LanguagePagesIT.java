package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18 in Chromium: the header's language switch and the browser's language choose the admin UI's texts, and the
 * call records, users, system, trunk and dial-plan pages read in German, Spanish and English. A choice holds for the
 * browser's session only, so these tests run on the shared appliance (numbers 451, 452, 458, 650 and DID 4930777123
 * of their own); the pages whose empty lists they would read are {@link NavigationPagesIT}'s.
 */
class LanguagePagesIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // numbers and names of its own

    @RegisterExtension
    static final AdminBrowser browsers = new AdminBrowser(tandem);

    private Browser browser;
    private AdminFrame frame;

    /** A browser signed in as the admin on the way to {@code path}, and the frame it shows. */
    private void signIn(String path) {
        browser = browsers.signedIn(path);
        frame = new AdminFrame(browser);
    }

    @BeforeAll
    static void data() {
        AdminFrame.createOffice(tandem);
    }

    /**
     * Issue 18: the header's language switch shows the menu, the header and the user editor in German for this
     * browser's session, and back in English; a browser whose Accept-Language is French gets the login page in French.
     * English stays the default (the other tests here read English texts).
     */
    @Test
    void theLanguageSwitchAndTheBrowsersLanguageChooseTheTexts() {
        signIn("/about"); // any page has the menu; the dashboard costs most to draw
        assertThat(frame.labels()).contains("Users & phones");
        assertThat(browser.text("logout").strip()).isEqualTo("Log out");
        frame.switchTo("Deutsch", "Benutzer & Telefone");
        assertThat(frame.labels())
                .containsExactly("Überwachung", "Benutzer & Telefone", "Anrufablauf", "Amtsleitungen", "System");
        assertThat(frame.pagesOf("nav-users-and-phones")).containsExactly("Benutzer", "Sprachboxen", "Telefone");
        assertThat(browser.text("logout").strip()).isEqualTo("Abmelden");

        browser.open("/users");
        // the browser tab's title too
        browser.until(
                () -> "Benutzer · Tandem".equals(browser.script("return document.title")), "the tab's title in German");
        browser.open("/users?search=451"); // the shared appliance's list holds other classes' users too
        browser.clickCell("users", "451");
        browser.until(
                () -> "Durchwahl"
                        .equals(browser.script(
                                "const f = document.getElementById('user-extension'); return f && f.label")),
                "the user editor in German");
        browser.click("user-editor-close");
        // a refusal of the server (pbx-core's validation message) next to its field, in German too; the API stays
        // English
        browser.click("add-user");
        browser.fill("user-extension", "45a");
        browser.fill("user-name", "Doris Achterberg");
        browser.click("generate-password");
        browser.click("save-user");
        assertThat(browser.fieldError("user-extension")).isEqualTo("muss 2 bis 12 Ziffern lang sein");
        browser.click("user-editor-close");
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/users",
                                "{\"extension\":\"45a\",\"displayName\":\"Doris Achterberg\","
                                        + "\"password\":\"Doris-secret-45a\"}")
                        .body())
                .contains("\"extension\":\"must be 2 to 12 digits\"");
        frame.switchTo("English", "Users & phones");
        browser.open("/users");
        browser.until(
                () -> "Users · Tandem".equals(browser.script("return document.title")), "the tab's title in English");

        try (Browser french = Browser.speaking(tandem.process(), "fr-FR,fr")) {
            french.open("/login");
            french.until(() -> french.text("login-hint").startsWith("Administrateurs"), "the login page in French");
            french.until(
                    () -> "Connexion · Tandem".equals(french.script("return document.title")), "its title in French");
        }
    }

    /**
     * Issue 18: the call records, users, recordings, conference and park, admin accounts, backup and audit pages, and
     * the frame's search box and delete dialog, in German; the call records (with the call direction, English only
     * before) in Spanish; then English again.
     */
    @Test
    void recordsUsersAndSystemPagesInGerman() {
        signIn("/about");
        frame.switchTo("Deutsch", "Benutzer & Telefone");
        assertThat(browser.script("return document.getElementById('global-search').placeholder"))
                .isEqualTo("Benutzer, Nummern, MACs suchen…");

        browser.open("/calls");
        frame.awaitHeading("Anrufliste");
        browser.awaitText("call-records", "Angenommen von");
        assertThat(browser.script("return document.getElementById('cdr-direction').label"))
                .isEqualTo("Richtung");
        assertThat(browser.text("cdr-apply").strip()).isEqualTo("Anzeigen");

        browser.open("/users");
        frame.awaitHeading("Benutzer");
        browser.awaitText("users", "Angemeldete Geräte");
        assertThat(browser.text("add-user").strip()).isEqualTo("Benutzer anlegen");
        // the frame's delete dialog, asked from the user editor: in German, the user kept capitalised in the sentence
        tandem.api().createUser("458", "Renate Sommerfeld", "Renate-secret-458");
        browser.open("/users?search=458");
        browser.clickCell("users", "458");
        browser.click("delete-user");
        browser.awaitText("confirm-delete-text", "Nichts anderes verwendet Benutzer 458.");
        assertThat(browser.text("confirm-delete-cancel").strip()).isEqualTo("Abbrechen");
        browser.click("confirm-delete-cancel");
        browser.click("user-editor-close");

        browser.open("/recordings");
        frame.awaitHeading("Aufnahmen");
        browser.awaitText("recording-rules", "Welche Anrufe");
        assertThat(browser.text("rule-save").strip()).isEqualTo("Regel speichern");

        browser.open("/conference-rooms");
        frame.awaitHeading("Konferenzräume");
        browser.awaitText("conference-rooms", "Max. Teilnehmer");
        assertThat(browser.text("add-conference-room").strip()).isEqualTo("Raum anlegen");

        browser.open("/park");
        frame.awaitHeading("Parken");
        assertThat(browser.script("return document.getElementById('park-first-orbit').label"))
                .isEqualTo("Erster Parkplatz");

        browser.open("/admin-accounts");
        frame.awaitHeading("Admin-Konten");
        browser.awaitText("admin-accounts", "Anmeldename");
        assertThat(browser.text("account-create").strip()).isEqualTo("Konto anlegen");

        browser.open("/backup");
        frame.awaitHeading("Sichern und Wiederherstellen");
        assertThat(browser.text("schedule-run-now").strip()).isEqualTo("Jetzt ausführen");

        browser.open("/audit");
        frame.awaitHeading("Änderungsprotokoll");
        browser.awaitText("audit-log", "Zeit (");
        assertThat(browser.text("audit-apply").strip()).isEqualTo("Anzeigen");

        frame.switchTo("Español", "Usuarios y teléfonos");
        browser.open("/calls");
        frame.awaitHeading("Registro de llamadas");
        browser.choose("cdr-direction", "Entrante"); // the direction's words, in the page's language too
        browser.click("cdr-apply");
        browser.awaitText("call-records", "Atendida por");

        frame.switchTo("English", "Users & phones");
        browser.open("/calls");
        frame.awaitHeading("Call records");
        assertThat(browser.script("return document.getElementById('cdr-direction').label"))
                .isEqualTo("Direction");
    }

    /**
     * Issue 18: the trunk and dial-plan pages in German (their headings, buttons, columns and field labels, and the
     * destinations they list in the destination picker's words: "Durchwahl 451", not "Extension 451"), one of them in
     * Spanish, and back to English.
     */
    @Test
    void trunksAndRoutingPagesInGerman() {
        java.util.function.Function<String, String> label =
                id -> (String) browser.script("const f = document.getElementById('" + id + "'); return f && f.label");
        signIn("/trunks");
        browser.awaitText("add-trunk", "Add trunk");
        frame.switchTo("Deutsch", "Benutzer & Telefone");
        browser.awaitText("add-trunk", "Amtsleitung hinzufügen");
        assertThat(browser.text("trunks")).contains("Registrierung", "Kanäle");
        browser.click("add-trunk");
        browser.until(() -> "Server des Anbieters".equals(label.apply("trunk-host")), "the trunk editor in German");
        assertThat(label.apply("trunk-dtmf-mode")).isEqualTo("Tastendrücke (DTMF)");
        browser.click("trunk-close");

        browser.open("/outbound-routes");
        browser.awaitText("add-outbound-route", "Route hinzufügen");
        assertThat(browser.text("outbound-routes")).contains("Wählmuster", "Reihenfolge");

        browser.open("/inbound-routes");
        browser.awaitText("inbound-routes", "Durchwahl 451 · Paula Nordmann");
        assertThat(browser.text("inbound-routes")).contains("Geht an");
        assertThat(label.apply("inbound-default")).isEqualTo("Jede andere Nummer geht an");
        browser.awaitText("save-inbound-default", "Speichern");

        browser.open("/ring-groups");
        browser.awaitText("ring-groups", "Durchwahl 452 · Quentin Ostrowski");
        assertThat(browser.text("ring-groups")).contains("alle gleichzeitig", "Niemand nimmt ab");
        browser.awaitText("add-ring-group", "Rufgruppe hinzufügen");

        browser.open("/feature-codes");
        browser.until(() -> "Nicht stören ein".equals(label.apply("fc-DND_ON")), "the feature codes in German");
        browser.awaitText("feature-codes-defaults", "Zurück zu den Vorgaben");

        browser.open("/user-routing/451");
        browser.awaitText("user-routing-title", "Anrufeinstellungen von Paula Nordmann · Durchwahl 451");
        assertThat(label.apply("cs-forward-always")).isEqualTo("Alle Anrufe umleiten an");
        assertThat(label.apply("out-permission")).isEqualTo("Darf anrufen");

        browser.open("/ring-groups");
        browser.awaitText("add-ring-group", "Rufgruppe hinzufügen");
        browser.choose("ui-language", "Español");
        browser.awaitText("add-ring-group", "Añadir grupo de timbrado");
        browser.awaitText("ring-groups", "Extensión 452 · Quentin Ostrowski");

        frame.switchTo("English", "Users & phones");
        browser.awaitText("add-ring-group", "Add ring group");
        browser.awaitText("ring-groups", "Extension 452 · Quentin Ostrowski");
    }
}
