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
        browser.clickCell("users", "451");
        browser.until(() -> "Durchwahl".equals(browser.script(
                "const f = document.getElementById('user-extension'); return f && f.label")), "the user editor in German");
        browser.click("user-editor-close");
        browser.choose("ui-language", "English");
        browser.until(() -> safeLabels().contains("Users & phones"), "the menu in English again");

        try (Browser french = Browser.speaking(tandem.process(), "fr-FR,fr")) {
            french.open("/login");
            french.until(() -> french.text("login-hint").startsWith("Administrateurs"), "the login page in French");
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

    /**
     * Issue 18: the system and security pages in German after the header's switch, each with its heading and a field,
     * button, column or text it draws itself: the setup wizard (with its prompt-language field), Security, Blocklist,
     * API tokens, Certificate, Paging groups, Network, Voicemail boxes, Prompts and the dashboard's health figures;
     * the Network page and the wizard in French; then English again.
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
        openAndAwaitHeading("/setup", "Configurer votre téléphonie");
        browser.awaitText("setup-next", "Suivant");

        browser.choose("ui-language", "English");
        browser.until(() -> safeLabels().contains("Users & phones"), "the menu in English again");
        openAndAwaitHeading("/network", "Network");
        awaitLabel("network-address", "IPv4 address");
    }
}
