package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The admin UI's frame in Chromium (issue 17, "what admins expect"): the menu grouped by task instead of one list of
 * twenty pages, and the search box in the top bar that finds a user by name, a phone by a piece of its MAC typed the
 * way it is printed on the phone's label, a ring group and a DID, and opens the page of what is picked. A receptionist
 * gets neither the settings' groups nor the search. And the pages that show an empty list's hint or a count in German
 * (issue 18): this class's own appliance holds exactly one phone, no IVR menu and no paging group. The other pages'
 * languages are {@link LanguagePagesIT}'s, on the shared appliance.
 */
class NavigationPagesIT {

    @RegisterExtension
    // own appliance: it needs exactly one phone, no IVR menu and no paging group
    static final TandemExtension tandem = new TandemExtension();

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
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/devices",
                                "{\"mac\":\"00:15:65:4a:5b:6c\",\"vendor\":\"yealink\","
                                        + "\"model\":\"SIP-T46S\",\"description\":\"Reception\",\"lines\":[\"451\"]}")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void theMenuIsGroupedByTaskAndTheSearchBoxOpensWhatItFinds() {
        signIn("/about"); // any page has the menu; the dashboard costs most to draw
        assertThat(frame.labels()).containsExactly("Monitoring", "Users & phones", "Call flow", "Trunks", "System");
        assertThat(frame.pagesOf("nav-users-and-phones")).containsExactly("Users", "Voicemail boxes", "Phones");
        assertThat(frame.pagesOf("nav-trunks")).containsExactly("Trunks", "Outbound routes", "Inbound routes");
        assertThat(frame.pagesOf("nav-call-flow")).contains("Ring groups", "IVR menus", "Time conditions", "Prompts");
        assertThat(frame.pagesOf("nav-system")).contains("Security", "Admin accounts", "Backup", "Setup");
        // not the ISO's live session (issue 21): no warning that nothing is kept
        assertThat(browser.all(By.id("live-session-notice"))).noneMatch(org.openqa.selenium.WebElement::isDisplayed);
        assertThat(tandem.api()
                        .send("GET", "/api/v1/system/about", null)
                        .json()
                        .get("live")
                        .asBoolean())
                .isFalse();

        // for the README: the grouped menu, and the search box open on a piece of a MAC
        org.openqa.selenium.WebElement search = browser.element(By.cssSelector("#global-search input"));
        // right after the login the combo box may not be upgraded yet (a loaded machine): what is typed then never
        // becomes its filter, so it is typed again until the combo box has it as its filter and lists the phone
        // and again when the filter is right but the list stays loading (BrowserLists.RETYPE_AFTER_LOADING_POLLS)
        java.util.concurrent.atomic.AtomicInteger misses = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger loadingPolls = new java.util.concurrent.atomic.AtomicInteger();
        try {
            browser.until(
                    () -> {
                        boolean filtered =
                                "4a5b".equals(browser.script("return document.getElementById('global-search').filter"));
                        // typed again only after a while: each key goes to the server and back (BrowserLists)
                        boolean again = filtered
                                ? Boolean.TRUE.equals(browser.script(
                                                "return document.getElementById('global-search').loading"))
                                        && loadingPolls.incrementAndGet() % BrowserLists.RETYPE_AFTER_LOADING_POLLS == 0
                                : misses.getAndIncrement() % BrowserLists.RETYPE_AFTER_MISSES == 0;
                        if (again) {
                            search.click();
                            search.sendKeys(
                                    org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
                                    org.openqa.selenium.Keys.BACK_SPACE);
                            search.sendKeys("4a5b");
                            search.sendKeys(org.openqa.selenium.Keys.ARROW_DOWN);
                        }
                        if (again || !filtered) return false;
                        return Boolean.TRUE.equals(
                                browser.script(
                                        "return Array.from(document.querySelectorAll("
                                                + "'vaadin-combo-box-item')).some(i => i.offsetParent !== null && i.textContent.includes('phone'))"));
                    },
                    "the phone offered for 4a5b");
        } catch (RuntimeException e) {
            throw new AssertionError(
                    "the search box for 4a5b: "
                            + browser.script(
                                    "const c = document.getElementById"
                                            + "('global-search'); return 'filter=' + c.filter + ' opened=' + c.opened + ' loading=' + c.loading"
                                            + " + ' items=' + Array.from(document.querySelectorAll('vaadin-combo-box-item'))"
                                            + ".map(i => i.textContent.trim() + (i.offsetParent ? '' : ' (hidden)')).join(' | ')"),
                    e);
        }
        browser.screenshot(tandem.process().workDir().resolve("screens").resolve("navigation-search.png"));
        search.sendKeys(org.openqa.selenium.Keys.ESCAPE);

        // a user by part of the name: the Users page, filtered to that user
        browser.pick("global-search", "nordm", "451 · Paula Nordmann — user");
        browser.awaitPath("/users");
        browser.awaitText("users", "Paula Nordmann");
        assertThat(browser.script("return document.getElementById('users').size"))
                .as("only the user found listed")
                .isEqualTo(1L);

        // a phone by the end of its MAC as its label prints it, with dashes: the phone's own page
        assertThat(browser.offeredFor("global-search", "4A-5B-6C"))
                .singleElement()
                .asString()
                .contains("yealink")
                .contains("Reception")
                .endsWith("— phone");
        browser.pick(
                "global-search",
                "4A-5B-6C",
                browser.offeredFor("global-search", "4A-5B-6C").get(0));
        browser.awaitPath("/phone/001565" + "4a5b6c");

        // a ring group by name, a DID by its digits typed with a plus and spaces
        browser.pick("global-search", "wareh", "650 · Warehouse — ring group");
        browser.awaitPath("/ring-groups");
        browser.pick("global-search", "+49 30 777", "4930777123 → Extension 451 · Paula Nordmann — inbound number");
        browser.awaitPath("/inbound-routes");
        assertThat(browser.offeredFor("global-search", "no such thing at all")).isEmpty();

        // a receptionist: the operator panel only, no search box
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/admin-accounts",
                                "{\"username\":\"desk9\",\"password\":"
                                        + "\"Desk-password-9\",\"role\":\"RECEPTIONIST\",\"mustChangePassword\":false}")
                        .status())
                .isEqualTo(201);
        browser.click("logout");
        browser.awaitPath("/login");
        browser.logIn("desk9", "Desk-password-9");
        browser.awaitPath("/operator");
        assertThat(frame.labels()).containsExactly("Monitoring");
        assertThat(frame.pagesOf("nav-monitoring")).containsExactly("Operator panel");
        assertThat(browser.present(By.id("global-search"))).isFalse();
    }

    /**
     * Issue 18: the phones, IVR, queue and operator pages in German (headings, buttons, grid columns, a dialog's
     * labels, a line's state on the operator panel), the queues page in French, and back in English.
     */
    @Test
    void phonesQueuesOperatorAndIvrPagesInGerman() {
        signIn("/about"); // any page has the menu; the dashboard costs most to draw
        frame.switchTo("Deutsch", "Benutzer & Telefone");

        browser.open("/phones");
        frame.awaitHeading("Telefone");
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
        frame.awaitHeading("Sprachmenüs");
        browser.awaitText("add-ivr-menu", "Sprachmenü hinzufügen");
        browser.awaitText("ivr-menus", "Durchwahl wählbar");
        browser.awaitText("ivr-menus-hint", "Noch keine Sprachmenüs");

        browser.open("/time-conditions");
        frame.awaitHeading("Zeitsteuerungen");
        browser.awaitText("time-conditions", "Wenn geschlossen");
        browser.click("add-time-condition");
        browser.until(
                () -> "Montag"
                        .equals(browser.script("const f = document.getElementById('tc-monday'); return f && f.label")),
                "the weekdays in German");
        browser.awaitText("save-time-condition", "Speichern");
        browser.click("close-time-condition");

        browser.open("/queues");
        frame.awaitHeading("Warteschlangen");
        browser.awaitText("add-queue", "Warteschlange hinzufügen");
        browser.awaitText("queues", "Wartend");
        browser.awaitText("open-wallboard", "Wallboard (für einen Fernsehbildschirm)");

        browser.open("/operator");
        frame.awaitHeading("Vermittlung");
        browser.until(
                () -> "Mein Telefon"
                        .equals(browser.script(
                                "const f = document.getElementById('operator-phone'); return f && f.label")),
                "the operator panel in German");
        browser.awaitText("operator-lines", "Rufnummer");
        browser.awaitText("line-451", "nicht registriert");
        browser.awaitText("call-451", "Anrufen");

        frame.switchTo("Français", "Utilisateurs et téléphones");
        browser.open("/queues");
        frame.awaitHeading("Files d'attente");
        browser.awaitText("add-queue", "Ajouter une file d'attente");
        browser.awaitText("queues", "En attente");

        frame.switchTo("English", "Users & phones");
        browser.open("/queues");
        frame.awaitHeading("Queues");
        browser.awaitText("add-queue", "Add queue");
    }

    /**
     * Issue 18: the system and security pages in German after the header's switch, each with its heading and a field,
     * button, column or text it draws itself: the setup wizard (with its prompt-language field), Security, Blocklist,
     * API tokens, Certificate, Paging groups, Network (with its SSH switch and firewall list), Voicemail boxes, Prompts
     * and the dashboard's health figures; the Network page and the wizard in French; then English again.
     */
    @Test
    void systemAndSecurityPagesInGerman() {
        signIn("/about"); // any page has the menu; the dashboard costs most to draw
        frame.switchTo("Deutsch", "Benutzer & Telefone");
        assertThat(frame.pagesOf("nav-system"))
                .contains("Sicherheit", "Zertifikat", "Netzwerk", "Einrichtung", "API-Token");

        frame.openAndAwaitHeading("/setup", "Telefonanlage einrichten");
        frame.awaitLabel("setup-domain", "SIP-Domain");
        frame.awaitLabel("setup-language", "Sprache der Ansagen");
        browser.awaitText("setup-next", "Weiter");

        frame.openAndAwaitHeading("/security", "Sicherheit");
        browser.awaitText("allow-add", "Hinzufügen");
        browser.awaitText("bans", "Fehlversuche");
        browser.awaitText("failed-logins", "Versuchter Name");

        frame.openAndAwaitHeading("/blocklist", "Sperrliste");
        frame.awaitLabel("blocked-number", "Nummer des Anrufers");
        browser.awaitText("add-blocked", "Sperren");
        browser.awaitText("blocklist", "Vergleich");

        frame.openAndAwaitHeading("/api-tokens", "API-Token");
        browser.awaitText("token-create", "Token erstellen");
        browser.awaitText("api-tokens", "Zuletzt verwendet");

        frame.openAndAwaitHeading("/certificate", "Zertifikat");
        browser.awaitText("certificate-current", "Gültig bis");
        browser.awaitText("csr-make", "Zertifikatsanforderung erstellen");

        frame.openAndAwaitHeading("/paging-groups", "Durchsagegruppen");
        browser.awaitText("add-paging-group", "Durchsagegruppe hinzufügen");
        browser.awaitText("paging-groups-hint", "Noch keine Durchsagegruppen");

        frame.openAndAwaitHeading("/network", "Netzwerk");
        frame.awaitLabel("network-address", "IPv4-Adresse");
        browser.awaitText("network-current", "Jetzt in Gebrauch");
        browser.awaitText("network-apply", "Übernehmen");
        browser.awaitText("ssh-note", "root kann sich nie per SSH anmelden");
        frame.awaitLabel("ssh-access", "SSH-Anmeldungen erlauben");
        browser.awaitText("firewall-policy", "Zustand der Firewall unbekannt");
        browser.awaitText("firewall-rtp-udp", "RTP/RTCP (Sprache): UDP");

        frame.openAndAwaitHeading("/voicemail-boxes", "Sprachboxen");
        browser.awaitText("voicemail-boxes", "Nachrichten");

        frame.openAndAwaitHeading("/prompts", "Ansagen");
        frame.awaitLabel("prompt-language", "Sprache");
        browser.awaitText("prompts-grid", "Quelle");
        browser.awaitText("prompts-grid", "mitgeliefert");

        frame.openAndAwaitHeading("/", "Übersicht");
        browser.awaitText("health", "SIP-Dienst");
        browser.awaitText("health", "Arbeitsspeicher");

        frame.switchTo("Français", "Utilisateurs et téléphones");
        frame.openAndAwaitHeading("/network", "Réseau");
        frame.awaitLabel("network-address", "Adresse IPv4");
        browser.awaitText("network-apply", "Appliquer");
        browser.awaitText("ssh-note", "root ne peut jamais se connecter par SSH");
        browser.awaitText("firewall-policy", "État du pare-feu inconnu");
        frame.openAndAwaitHeading("/setup", "Configurer votre téléphonie");
        browser.awaitText("setup-next", "Suivant");

        frame.switchTo("English", "Users & phones");
        frame.openAndAwaitHeading("/network", "Network");
        frame.awaitLabel("network-address", "IPv4 address");
    }
}
