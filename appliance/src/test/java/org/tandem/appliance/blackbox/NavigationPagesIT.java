package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The admin UI's frame in Chromium (issue 17, "what admins expect"): the menu grouped by task instead of one list of
 * twenty pages, and the search box in the top bar that finds a user by name, a phone by a piece of its MAC typed the
 * way it is printed on the phone's label, a ring group and a DID, and opens the page of what is picked. A receptionist
 * gets neither the settings' groups nor the search.
 */
class NavigationPagesIT {

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension();
    @RegisterExtension
    static final AdminBrowser browsers = new AdminBrowser(tandem);

    private Browser browser;

    @BeforeAll
    static void data() {
        tandem.api().createUser("451", "Paula Nordmann", "Paula-secret-451");
        tandem.api().createUser("452", "Quentin Ostrowski", "Quentin-secret-452");
        assertThat(tandem.api().send("POST", "/api/v1/devices", "{\"mac\":\"00:15:65:4a:5b:6c\",\"vendor\":\"yealink\","
                + "\"model\":\"SIP-T46S\",\"description\":\"Reception\",\"lines\":[\"451\"]}").status()).isEqualTo(201);
        assertThat(tandem.api().send("POST", "/api/v1/ring-groups", "{\"number\":\"650\",\"name\":\"Warehouse\","
                + "\"members\":[{\"destination\":\"extension:452\"}]}").status()).isEqualTo(201);
        assertThat(tandem.api().send("POST", "/api/v1/inbound-routes",
                "{\"did\":\"4930777123\",\"destination\":\"extension:451\"}").status()).isEqualTo(201);
    }

    @Test
    void theMenuIsGroupedByTaskAndTheSearchBoxOpensWhatItFinds() {
        browser = browsers.signedIn("/about"); // any page has the menu; the dashboard costs most to draw
        assertThat(labels()).containsExactly("Monitoring", "Users & phones", "Call flow", "Trunks", "System");
        assertThat(pagesOf("nav-users-and-phones")).containsExactly("Users", "Voicemail boxes", "Phones");
        assertThat(pagesOf("nav-trunks")).containsExactly("Trunks", "Outbound routes", "Inbound routes");
        assertThat(pagesOf("nav-call-flow")).contains("Ring groups", "IVR menus", "Time conditions", "Prompts");
        assertThat(pagesOf("nav-system")).contains("Security", "Admin accounts", "Backup", "Setup");
        // not the ISO's live session (issue 21): no warning that nothing is kept
        assertThat(browser.all(By.id("live-session-notice"))).noneMatch(org.openqa.selenium.WebElement::isDisplayed);
        assertThat(tandem.api().send("GET", "/api/v1/system/about", null).json().get("live").asBoolean()).isFalse();

        // for the README: the grouped menu, and the search box open on a piece of a MAC
        org.openqa.selenium.WebElement search = browser.element(By.cssSelector("#global-search input"));
        // right after the login the combo box may not be upgraded yet (a loaded machine): what is typed then never
        // becomes its filter, so it is typed again until the combo box has it as its filter and lists the phone
        try {
            browser.until(() -> {
            if (!"4a5b".equals(browser.script("return document.getElementById('global-search').filter"))) {
                search.click();
                search.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
                        org.openqa.selenium.Keys.BACK_SPACE);
                search.sendKeys("4a5b");
                search.sendKeys(org.openqa.selenium.Keys.ARROW_DOWN);
                return false;
            }
            return Boolean.TRUE.equals(browser.script("return Array.from(document.querySelectorAll("
                    + "'vaadin-combo-box-item')).some(i => i.offsetParent !== null && i.textContent.includes('phone'))"));
        }, "the phone offered for 4a5b");
        } catch (RuntimeException e) {
            throw new AssertionError("the search box for 4a5b: " + browser.script("const c = document.getElementById"
                    + "('global-search'); return 'filter=' + c.filter + ' opened=' + c.opened + ' loading=' + c.loading"
                    + " + ' items=' + Array.from(document.querySelectorAll('vaadin-combo-box-item'))"
                    + ".map(i => i.textContent.trim() + (i.offsetParent ? '' : ' (hidden)')).join(' | ')"), e);
        }
        browser.screenshot(tandem.process().workDir().resolve("screens").resolve("navigation-search.png"));
        search.sendKeys(org.openqa.selenium.Keys.ESCAPE);

        // a user by part of the name: the Users page, filtered to that user
        browser.pick("global-search", "nordm", "451 · Paula Nordmann — user");
        browser.awaitPath("/users");
        browser.awaitText("users", "Paula Nordmann");
        assertThat(browser.script("return document.getElementById('users').size")).as("only the user found listed")
                .isEqualTo(1L);

        // a phone by the end of its MAC as its label prints it, with dashes: the phone's own page
        assertThat(browser.offeredFor("global-search", "4A-5B-6C")).singleElement().asString()
                .contains("yealink").contains("Reception").endsWith("— phone");
        browser.pick("global-search", "4A-5B-6C", browser.offeredFor("global-search", "4A-5B-6C").get(0));
        browser.awaitPath("/phone/001565" + "4a5b6c");

        // a ring group by name, a DID by its digits typed with a plus and spaces
        browser.pick("global-search", "wareh", "650 · Warehouse — ring group");
        browser.awaitPath("/ring-groups");
        browser.pick("global-search", "+49 30 777", "4930777123 → Extension 451 · Paula Nordmann — inbound number");
        browser.awaitPath("/inbound-routes");
        assertThat(browser.offeredFor("global-search", "no such thing at all")).isEmpty();

        // a receptionist: the operator panel only, no search box
        assertThat(tandem.api().send("POST", "/api/v1/admin-accounts", "{\"username\":\"desk9\",\"password\":"
                + "\"Desk-password-9\",\"role\":\"RECEPTIONIST\",\"mustChangePassword\":false}").status()).isEqualTo(201);
        browser.click("logout");
        browser.awaitPath("/login");
        browser.logIn("desk9", "Desk-password-9");
        browser.awaitPath("/operator");
        assertThat(labels()).containsExactly("Monitoring");
        assertThat(pagesOf("nav-monitoring")).containsExactly("Operator panel");
        assertThat(browser.present(By.id("global-search"))).isFalse();
    }

    /** The labels of the menu's groups, in order. */
    @SuppressWarnings("unchecked")
    private List<String> labels() {
        browser.element(By.cssSelector("vaadin-side-nav"));
        return (List<String>) browser.script("return Array.from(document.querySelectorAll('vaadin-side-nav'))"
                + ".map(n => n.querySelector('[slot=label]').textContent.trim())");
    }

    /** The pages listed in the group with this id, in order. */
    @SuppressWarnings("unchecked")
    private List<String> pagesOf(String navId) {
        return (List<String>) browser.script("return Array.from(document.querySelectorAll('#" + navId
                + " > vaadin-side-nav-item')).map(i => i.textContent.trim())");
    }

    /**
     * Issue 18: the header's language switch shows the menu, the header and the user editor in German for this
     * browser's session, and back in English; a browser whose Accept-Language is French gets the login page in French.
     * English stays the default (the other tests here read English texts).
     */
    @Test
    void theLanguageSwitchAndTheBrowsersLanguageChooseTheTexts() {
        browser = browsers.signedIn("/about"); // any page has the menu; the dashboard costs most to draw
        assertThat(labels()).contains("Users & phones");
        assertThat(browser.text("logout").strip()).isEqualTo("Log out");
        browser.choose("ui-language", "Deutsch");
        browser.until(() -> safeLabels().contains("Benutzer & Telefone"), "the menu in German");
        assertThat(labels()).containsExactly("Überwachung", "Benutzer & Telefone", "Anrufablauf", "Amtsleitungen", "System");
        assertThat(pagesOf("nav-users-and-phones")).containsExactly("Benutzer", "Sprachboxen", "Telefone");
        assertThat(browser.text("logout").strip()).isEqualTo("Abmelden");

        browser.open("/users");
        // the browser tab's title too
        browser.until(() -> "Benutzer · Tandem".equals(browser.script("return document.title")), "the tab's title in German");
        browser.clickCell("users", "451");
        browser.until(() -> "Durchwahl".equals(browser.script(
                "const f = document.getElementById('user-extension'); return f && f.label")), "the user editor in German");
        browser.click("user-editor-close");
        // a refusal of the server (pbx-core's validation message) next to its field, in German too; the API stays English
        browser.click("add-user");
        browser.fill("user-extension", "45a");
        browser.fill("user-name", "Doris Achterberg");
        browser.click("generate-password");
        browser.click("save-user");
        assertThat(browser.fieldError("user-extension")).isEqualTo("muss 2 bis 12 Ziffern lang sein");
        browser.click("user-editor-close");
        assertThat(tandem.api().send("POST", "/api/v1/users", "{\"extension\":\"45a\",\"displayName\":\"Doris Achterberg\","
                + "\"password\":\"Doris-secret-45a\"}").body()).contains("\"extension\":\"must be 2 to 12 digits\"");
        browser.choose("ui-language", "English");
        browser.until(() -> safeLabels().contains("Users & phones"), "the menu in English again");
        browser.open("/users");
        browser.until(() -> "Users · Tandem".equals(browser.script("return document.title")), "the tab's title in English");

        try (Browser french = Browser.speaking(tandem.process(), "fr-FR,fr")) {
            french.open("/login");
            french.until(() -> french.text("login-hint").startsWith("Administrateurs"), "the login page in French");
            french.until(() -> "Connexion · Tandem".equals(french.script("return document.title")), "its title in French");
        }
    }

    /** Opens {@code path} and awaits its {@code <h2>} heading. */
    private void openAndAwaitHeading(String path, String heading) {
        browser.open(path);
        browser.until(() -> {
            try {
                return ((List<?>) browser.script("return Array.from(document.querySelectorAll('h2'))"
                        + ".map(h => h.textContent.trim())")).contains(heading);
            } catch (RuntimeException e) { // the page still loading
                return false;
            }
        }, "the heading '" + heading + "' on " + path);
    }

    /** Awaits the label of the Vaadin field with this id. */
    private void awaitLabel(String id, String label) {
        browser.until(() -> label.equals(browser.script(
                "const f = document.getElementById('" + id + "'); return f && f.label")), "#" + id + " labelled " + label);
    }

    /** {@link #labels()}, or none while the page reloads. */
    private List<String> safeLabels() {
        try {
            return labels();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Waits until the page's heading (its h2) reads {@code text}. */
    private void awaitHeading(String text) {
        browser.until(() -> Boolean.TRUE.equals(browser.script("return Array.from(document.querySelectorAll('h2'))"
                + ".some(h => h.textContent.trim() === '" + text + "')")), "the heading " + text);
    }

    /**
     * Issue 18: the call records, users, recordings, conference and park, admin accounts, backup and audit pages, and
     * the frame's search box and delete dialog, in German; the call records (with the call direction, English only
     * before) in Spanish; then English again.
     */
    @Test
    void recordsUsersAndSystemPagesInGerman() {
        browser = browsers.signedIn("/about");
        browser.choose("ui-language", "Deutsch");
        browser.until(() -> safeLabels().contains("Benutzer & Telefone"), "the menu in German");
        assertThat(browser.script("return document.getElementById('global-search').placeholder"))
                .isEqualTo("Benutzer, Nummern, MACs suchen…");

        browser.open("/calls");
        awaitHeading("Anrufliste");
        browser.awaitText("call-records", "Angenommen von");
        assertThat(browser.script("return document.getElementById('cdr-direction').label")).isEqualTo("Richtung");
        assertThat(browser.text("cdr-apply").strip()).isEqualTo("Anzeigen");

        browser.open("/users");
        awaitHeading("Benutzer");
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
        awaitHeading("Aufnahmen");
        browser.awaitText("recording-rules", "Welche Anrufe");
        assertThat(browser.text("rule-save").strip()).isEqualTo("Regel speichern");

        browser.open("/conference-rooms");
        awaitHeading("Konferenzräume");
        browser.awaitText("conference-rooms", "Max. Teilnehmer");
        assertThat(browser.text("add-conference-room").strip()).isEqualTo("Raum anlegen");

        browser.open("/park");
        awaitHeading("Parken");
        assertThat(browser.script("return document.getElementById('park-first-orbit').label"))
                .isEqualTo("Erster Parkplatz");

        browser.open("/admin-accounts");
        awaitHeading("Admin-Konten");
        browser.awaitText("admin-accounts", "Anmeldename");
        assertThat(browser.text("account-create").strip()).isEqualTo("Konto anlegen");

        browser.open("/backup");
        awaitHeading("Sichern und Wiederherstellen");
        assertThat(browser.text("schedule-run-now").strip()).isEqualTo("Jetzt ausführen");

        browser.open("/audit");
        awaitHeading("Änderungsprotokoll");
        browser.awaitText("audit-log", "Zeit (");
        assertThat(browser.text("audit-apply").strip()).isEqualTo("Anzeigen");

        browser.choose("ui-language", "Español");
        browser.until(() -> safeLabels().contains("Usuarios y teléfonos"), "the menu in Spanish");
        browser.open("/calls");
        awaitHeading("Registro de llamadas");
        browser.choose("cdr-direction", "Entrante"); // the direction's words, in the page's language too
        browser.click("cdr-apply");
        browser.awaitText("call-records", "Atendida por");

        browser.choose("ui-language", "English");
        browser.until(() -> safeLabels().contains("Users & phones"), "the menu in English again");
        browser.open("/calls");
        awaitHeading("Call records");
        assertThat(browser.script("return document.getElementById('cdr-direction').label")).isEqualTo("Direction");
    }

    /**
     * Issue 18: the phones, IVR, queue and operator pages in German (headings, buttons, grid columns, a dialog's
     * labels, a line's state on the operator panel), the queues page in French, and back in English.
     */
    @Test
    void phonesQueuesOperatorAndIvrPagesInGerman() {
        browser = browsers.signedIn("/about"); // any page has the menu; the dashboard costs most to draw
        java.util.function.Consumer<String> awaitHeading = text -> browser.until(() -> Boolean.TRUE.equals(browser.script(
                "return Array.from(document.querySelectorAll('h2')).some(h => h.textContent.trim() === \"" + text + "\")")),
                "the heading " + text);
        browser.choose("ui-language", "Deutsch");
        browser.until(() -> safeLabels().contains("Benutzer & Telefone"), "the menu in German");

        browser.open("/phones");
        awaitHeading.accept("Telefone");
        browser.awaitText("add-phone", "Telefon hinzufügen");
        browser.awaitText("phones", "Hersteller");
        browser.awaitText("phones", "Letzter Abruf");
        browser.awaitText("phone-count", "1 Telefon");
        browser.open("/phone/001565" + "4a5b6c");
        browser.awaitText("phone-title", "Telefon 00:15:65:4a:5b:6c");
        browser.awaitText("phone-summary", "letzter Abruf: nie");
        browser.awaitText("phone-resync", "Jetzt neu synchronisieren");
        browser.awaitText("phone-fetches", "Ergebnis");

        browser.open("/ivr-menus");
        awaitHeading.accept("Sprachmenüs");
        browser.awaitText("add-ivr-menu", "Sprachmenü hinzufügen");
        browser.awaitText("ivr-menus", "Durchwahl wählbar");
        browser.awaitText("ivr-menus-hint", "Noch keine Sprachmenüs");

        browser.open("/time-conditions");
        awaitHeading.accept("Zeitsteuerungen");
        browser.awaitText("time-conditions", "Wenn geschlossen");
        browser.click("add-time-condition");
        browser.until(() -> "Montag".equals(browser.script(
                "const f = document.getElementById('tc-monday'); return f && f.label")), "the weekdays in German");
        browser.awaitText("save-time-condition", "Speichern");
        browser.click("close-time-condition");

        browser.open("/queues");
        awaitHeading.accept("Warteschlangen");
        browser.awaitText("add-queue", "Warteschlange hinzufügen");
        browser.awaitText("queues", "Wartend");
        browser.awaitText("open-wallboard", "Wallboard (für einen Fernsehbildschirm)");

        browser.open("/operator");
        awaitHeading.accept("Vermittlung");
        browser.until(() -> "Mein Telefon".equals(browser.script(
                "const f = document.getElementById('operator-phone'); return f && f.label")), "the operator panel in German");
        browser.awaitText("operator-lines", "Rufnummer");
        browser.awaitText("line-451", "nicht registriert");
        browser.awaitText("call-451", "Anrufen");

        browser.choose("ui-language", "Français");
        browser.until(() -> safeLabels().contains("Utilisateurs et téléphones"), "the menu in French");
        browser.open("/queues");
        awaitHeading.accept("Files d'attente");
        browser.awaitText("add-queue", "Ajouter une file d'attente");
        browser.awaitText("queues", "En attente");

        browser.choose("ui-language", "English");
        browser.until(() -> safeLabels().contains("Users & phones"), "the menu in English again");
        browser.open("/queues");
        awaitHeading.accept("Queues");
        browser.awaitText("add-queue", "Add queue");
    }

    /**
     * Issue 18: the trunk and dial-plan pages in German (their headings, buttons, columns and field labels, and the
     * destinations they list in the destination picker's words: "Durchwahl 451", not "Extension 451"), one of them in
     * Spanish, and back to English.
     */
    @Test
    void trunksAndRoutingPagesInGerman() {
        java.util.function.Function<String, String> label = id -> (String) browser.script(
                "const f = document.getElementById('" + id + "'); return f && f.label");
        browser = browsers.signedIn("/trunks");
        browser.awaitText("add-trunk", "Add trunk");
        browser.choose("ui-language", "Deutsch");
        browser.until(() -> safeLabels().contains("Benutzer & Telefone"), "the menu in German");
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

        browser.choose("ui-language", "English");
        browser.until(() -> safeLabels().contains("Users & phones"), "the menu in English again");
        browser.awaitText("add-ring-group", "Add ring group");
        browser.awaitText("ring-groups", "Extension 452 · Quentin Ostrowski");
    }

    /**
     * Issue 18: the system and security pages in German after the header's switch, each with its heading and a field,
     * button, column or text it draws itself: the setup wizard (with its prompt-language field), Security, Blocklist,
     * API tokens, Certificate, Paging groups, Network (with its SSH switch and firewall list), Voicemail boxes, Prompts
     * and the dashboard's health figures; the Network page and the wizard in French; then English again.
     */
    @Test
    void systemAndSecurityPagesInGerman() {
        browser = browsers.signedIn("/about"); // any page has the menu; the dashboard costs most to draw
        browser.choose("ui-language", "Deutsch");
        browser.until(() -> safeLabels().contains("Benutzer & Telefone"), "the menu in German");
        assertThat(pagesOf("nav-system")).contains("Sicherheit", "Zertifikat", "Netzwerk", "Einrichtung", "API-Token");

        openAndAwaitHeading("/setup", "Telefonanlage einrichten");
        awaitLabel("setup-domain", "SIP-Domain");
        awaitLabel("setup-language", "Sprache der Ansagen");
        browser.awaitText("setup-next", "Weiter");

        openAndAwaitHeading("/security", "Sicherheit");
        browser.awaitText("allow-add", "Hinzufügen");
        browser.awaitText("bans", "Fehlversuche");
        browser.awaitText("failed-logins", "Versuchter Name");

        openAndAwaitHeading("/blocklist", "Sperrliste");
        awaitLabel("blocked-number", "Nummer des Anrufers");
        browser.awaitText("add-blocked", "Sperren");
        browser.awaitText("blocklist", "Vergleich");

        openAndAwaitHeading("/api-tokens", "API-Token");
        browser.awaitText("token-create", "Token erstellen");
        browser.awaitText("api-tokens", "Zuletzt verwendet");

        openAndAwaitHeading("/certificate", "Zertifikat");
        browser.awaitText("certificate-current", "Gültig bis");
        browser.awaitText("csr-make", "Zertifikatsanforderung erstellen");

        openAndAwaitHeading("/paging-groups", "Durchsagegruppen");
        browser.awaitText("add-paging-group", "Durchsagegruppe hinzufügen");
        browser.awaitText("paging-groups-hint", "Noch keine Durchsagegruppen");

        openAndAwaitHeading("/network", "Netzwerk");
        awaitLabel("network-address", "IPv4-Adresse");
        browser.awaitText("network-current", "Jetzt in Gebrauch");
        browser.awaitText("network-apply", "Übernehmen");
        browser.awaitText("ssh-note", "root kann sich nie per SSH anmelden");
        awaitLabel("ssh-access", "SSH-Anmeldungen erlauben");
        browser.awaitText("firewall-policy", "Zustand der Firewall unbekannt");
        browser.awaitText("firewall-rtp-udp", "RTP/RTCP (Sprache): UDP");

        openAndAwaitHeading("/voicemail-boxes", "Sprachboxen");
        browser.awaitText("voicemail-boxes", "Nachrichten");

        openAndAwaitHeading("/prompts", "Ansagen");
        awaitLabel("prompt-language", "Sprache");
        browser.awaitText("prompts-grid", "Quelle");
        browser.awaitText("prompts-grid", "mitgeliefert");

        openAndAwaitHeading("/", "Übersicht");
        browser.awaitText("health", "SIP-Dienst");
        browser.awaitText("health", "Arbeitsspeicher");

        browser.choose("ui-language", "Français");
        browser.until(() -> safeLabels().contains("Utilisateurs et téléphones"), "the menu in French");
        openAndAwaitHeading("/network", "Réseau");
        awaitLabel("network-address", "Adresse IPv4");
        browser.awaitText("network-apply", "Appliquer");
        browser.awaitText("ssh-note", "root ne peut jamais se connecter par SSH");
        browser.awaitText("firewall-policy", "État du pare-feu inconnu");
        openAndAwaitHeading("/setup", "Configurer votre téléphonie");
        browser.awaitText("setup-next", "Suivant");

        browser.choose("ui-language", "English");
        browser.until(() -> safeLabels().contains("Users & phones"), "the menu in English again");
        openAndAwaitHeading("/network", "Network");
        awaitLabel("network-address", "IPv4 address");
    }
}
