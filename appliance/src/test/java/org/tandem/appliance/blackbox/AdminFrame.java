package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.openqa.selenium.By;

/**
 * The admin UI's frame as {@link NavigationPagesIT} and {@link LanguagePagesIT} read it in a browser: the menu's groups
 * and their pages, a page's {@code <h2>} heading and a Vaadin field's label; and the office both classes search and
 * translate (two users, a ring group, a DID), created over the API.
 */
final class AdminFrame {

    private final Browser browser;

    AdminFrame(Browser browser) {
        this.browser = browser;
    }

    /** Users 451 and 452, ring group 650 ringing 452 and DID 4930777123 going to 451. */
    static void createOffice(TandemExtension tandem) {
        tandem.api().createUser("451", "Paula Nordmann", "Paula-secret-451");
        tandem.api().createUser("452", "Quentin Ostrowski", "Quentin-secret-452");
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/ring-groups",
                                "{\"number\":\"650\",\"name\":\"Warehouse\","
                                        + "\"members\":[{\"destination\":\"extension:452\"}]}")
                        .status())
                .isEqualTo(201);
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/inbound-routes",
                                "{\"did\":\"4930777123\",\"destination\":\"extension:451\"}")
                        .status())
                .isEqualTo(201);
    }

    /** The labels of the menu's groups, in order. */
    @SuppressWarnings("unchecked")
    List<String> labels() {
        browser.element(By.cssSelector("vaadin-side-nav"));
        return (List<String>) browser.script("return Array.from(document.querySelectorAll('vaadin-side-nav'))"
                + ".map(n => n.querySelector('[slot=label]').textContent.trim())");
    }

    /** {@link #labels()}, or none while the page reloads. */
    List<String> safeLabels() {
        try {
            return labels();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The pages listed in the group with this id, in order. */
    @SuppressWarnings("unchecked")
    List<String> pagesOf(String navId) {
        return (List<String>) browser.script("return Array.from(document.querySelectorAll('#" + navId
                + " > vaadin-side-nav-item')).map(i => i.textContent.trim())");
    }

    /** Switches the header's language to {@code language} and awaits the menu's users group saying {@code usersGroup}. */
    void switchTo(String language, String usersGroup) {
        browser.choose("ui-language", language);
        browser.until(() -> safeLabels().contains(usersGroup), "the menu in " + language);
    }

    /** Opens {@code path} and awaits its {@code <h2>} heading. */
    void openAndAwaitHeading(String path, String heading) {
        browser.open(path);
        browser.until(
                () -> {
                    try {
                        return ((List<?>) browser.script("return Array.from(document.querySelectorAll('h2'))"
                                        + ".map(h => h.textContent.trim())"))
                                .contains(heading);
                    } catch (RuntimeException e) { // the page still loading
                        return false;
                    }
                },
                "the heading '" + heading + "' on " + path);
    }

    /** Waits until the page's heading (its h2) reads {@code text}. */
    void awaitHeading(String text) {
        browser.until(
                () -> Boolean.TRUE.equals(browser.script("return Array.from(document.querySelectorAll('h2'))"
                        + ".some(h => h.textContent.trim() === \"" + text + "\")")),
                "the heading " + text);
    }

    /** Awaits the label of the Vaadin field with this id. */
    void awaitLabel(String id, String label) {
        browser.until(
                () -> label.equals(
                        browser.script("const f = document.getElementById('" + id + "'); return f && f.label")),
                "#" + id + " labelled " + label);
    }
}
