package org.tandem.appliance.blackbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The lists of a {@link Browser}'s page: Vaadin selects, combo boxes and multi-select combo boxes, opened, typed into
 * and picked from as a person does. Reached through {@link Browser}'s methods of the same names.
 */
final class BrowserLists {

    /**
     * Polls (half a second each) without the typed text becoming a combo box's filter before it is typed again. Not
     * fewer: each key goes to the server and back, and on a loaded machine (the full run of 1bd4e232, a page test
     * beside pbx-core's ITs) typing again every second restarted the filter before the last one had come back, so the
     * list never settled.
     */
    static final int RETYPE_AFTER_MISSES = 6;

    /**
     * Polls with the right filter but the list still loading before it is typed again: twice the wait for a filter.
     * Vaadin's lazy combo box can leave a filter's request unanswered, loading forever (vaadin/flow-components#6035,
     * CI's run of f31a8d4a); a person types again then too.
     */
    static final int RETYPE_AFTER_LOADING_POLLS = 2 * RETYPE_AFTER_MISSES;

    private final Browser browser;
    private final ChromeDriver driver;

    BrowserLists(Browser browser, ChromeDriver driver) {
        this.browser = browser;
        this.driver = driver;
    }

    /** Picks an entry of the Vaadin select with this id, as a person does: open it, click the entry. */
    void choose(String selectId, String label) {
        WebElement button = browser.element(By.cssSelector("#" + selectId + " vaadin-select-value-button"));
        // a select low in a dialog that scrolls sits under its footer until scrolled to, as a person does
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
        // the entries of the open list (the value button shows a copy of the chosen one: not that)
        By item = By.xpath(
                "//vaadin-select-list-box//vaadin-select-item[normalize-space(.)=" + Browser.literal(label) + "]");
        clickOffered(item, label, selectId, () -> {}); // a select does not load
        awaitListClosed(item);
    }

    /** Waits until the list offers the entry {@code item} ({@code label}) and clicks the one that shows. */
    private void clickOffered(By item, String label, String comboId, Runnable typeAgain) {
        AtomicInteger loading = new AtomicInteger();
        String js = "return document.getElementById(arguments[0]).loading === true";
        browser.until(
                () -> {
                    if (browser.all(item).stream().anyMatch(WebElement::isDisplayed)) return true;
                    if (Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(js, comboId))
                            && loading.incrementAndGet() % RETYPE_AFTER_LOADING_POLLS == 0) typeAgain.run();
                    return false;
                },
                "'" + label + "' offered");
        browser.all(item).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElseThrow()
                .click();
    }

    /**
     * Waits until no entry {@code item} of a list shows. A choice may reload the page (the language switch does): a
     * node asked about while the old document goes away makes chromedriver answer "does not belong to the document";
     * asked again, the new one answers.
     */
    private void awaitListClosed(By item) {
        browser.until(
                () -> {
                    try {
                        return browser.all(item).stream().noneMatch(WebElement::isDisplayed);
                    } catch (WebDriverException e) {
                        if (e.getMessage() != null && e.getMessage().contains("does not belong to the document"))
                            return false;
                        throw e;
                    }
                },
                "the list closed");
    }

    /**
     * Types {@code typed} into the Vaadin combo box with this id and clicks the entry {@code label} it then offers, as a
     * person picking from the list does.
     */
    void pick(String comboId, String typed, String label) {
        WebElement input = browser.element(By.cssSelector("#" + comboId + " input"));
        // a field low on a long page, or under a list that is closing: centred first, as a person scrolls to it
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", input);
        input.click();
        typeOver(input, typed);
        // a combo box may open its list only on request (auto-open off): the Down key opens it, filtered
        if (!browser.present(By.xpath("//vaadin-combo-box-item"))
                || browser.all(By.xpath("//vaadin-combo-box-item")).stream().noneMatch(WebElement::isDisplayed)) {
            input.sendKeys(Keys.ARROW_DOWN);
        }
        awaitFilter(comboId, input, typed);
        By item = By.xpath("//vaadin-combo-box-item[normalize-space(.)=" + Browser.literal(label) + "]");
        clickOffered(item, label, comboId, () -> {
            typeOver(input, typed);
            input.sendKeys(Keys.ARROW_DOWN);
        });
        awaitListClosed(item);
    }

    /**
     * Waits until the combo box has what was typed as its filter. Typed while the page still renders after a
     * navigation, the keys may reach the input before the combo box listens (the full run of 3ef45fef: the global
     * search never offered the DID typed right after opening another page); then it is typed again, as a person
     * would on seeing nothing happen.
     */
    private void awaitFilter(String comboId, WebElement input, String typed) {
        String js =
                "const c = document.getElementById(arguments[0]); return c.filter === undefined || c.filter === arguments[1]";
        AtomicInteger misses = new AtomicInteger();
        browser.until(
                () -> {
                    if (Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(js, comboId, typed)))
                        return true;
                    if (misses.incrementAndGet() % RETYPE_AFTER_MISSES == 0) {
                        typeOver(input, typed);
                        input.sendKeys(Keys.ARROW_DOWN);
                    }
                    return false;
                },
                "#" + comboId + " filtered by '" + typed + "'");
    }

    /**
     * Types {@code typed} into the Vaadin multi-select combo box with this id and clicks the entry {@code label} it then
     * offers, as a person adding one more to the chosen ones does; awaits it chosen, then closes the list.
     */
    void pickAlso(String comboId, String typed, String label) {
        WebElement input = browser.element(By.cssSelector("#" + comboId + " input"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", input);
        input.click();
        typeOver(input, typed);
        By item = By.xpath("//vaadin-multi-select-combo-box-item[normalize-space(.)=" + Browser.literal(label) + "]");
        if (browser.all(item).stream().noneMatch(WebElement::isDisplayed)) {
            input.sendKeys(Keys.ARROW_DOWN);
        }
        clickOffered(item, label, comboId, () -> typeOver(input, typed));
        browser.until(() -> chosen(comboId).contains(label), "'" + label + "' chosen in #" + comboId);
        input.sendKeys(Keys.ESCAPE);
    }

    /** The labels of what the Vaadin multi-select combo box with this id has chosen (its chips). */
    @SuppressWarnings("unchecked")
    List<String> chosen(String comboId) {
        return (List<String>) ((JavascriptExecutor) driver)
                .executeScript(
                        "const c = document.getElementById(arguments[0]);"
                                + "return (c.selectedItems || []).map(i => c.itemLabelPath && i[c.itemLabelPath] !== undefined"
                                + " ? String(i[c.itemLabelPath]) : String(i.label))",
                        comboId);
    }

    /** Clears what the Vaadin multi-select combo box with this id has chosen, with its clear button. */
    void clearChosen(String comboId) {
        WebElement clear = browser.byId(comboId).getShadowRoot().findElement(By.cssSelector("[part~='clear-button']"));
        ((JavascriptExecutor) driver)
                .executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.byId(comboId));
        clear.click();
        browser.until(() -> chosen(comboId).isEmpty(), "#" + comboId + " cleared");
    }

    /**
     * What the Vaadin combo box with this id offers once {@code typed} is typed into it (a lazily filtered one: the
     * entries come from the server), possibly nothing; the typing is cleared again after.
     */
    List<String> offeredFor(String comboId, String typed) {
        typeInto(comboId, typed);
        String js = "const c = document.getElementById('" + comboId + "');"
                + "if (c.filter !== arguments[0]) return 'retype';"
                + "if (c.loading) return 'loading';"
                + "return Array.from(document.querySelectorAll('vaadin-combo-box-item'))"
                + ".filter(i => i.offsetParent !== null).map(i => i.textContent.trim())";
        // settled: the same answer, not loading, at two polls in a row (an empty list may be the answer). What is
        // typed while the page still renders after a navigation may never become the filter: typed again then
        AtomicReference<List<String>> seen = new AtomicReference<>();
        AtomicInteger misses = new AtomicInteger();
        AtomicInteger loading = new AtomicInteger();
        browser.until(
                () -> {
                    Object answer = ((JavascriptExecutor) driver).executeScript(js, typed);
                    if ("retype".equals(answer) || "loading".equals(answer)) {
                        seen.set(null);
                        boolean again = "retype".equals(answer)
                                ? misses.incrementAndGet() % RETYPE_AFTER_MISSES == 0
                                : loading.incrementAndGet() % RETYPE_AFTER_LOADING_POLLS == 0;
                        if (again) typeInto(comboId, typed);
                        return false;
                    }
                    @SuppressWarnings("unchecked")
                    List<String> now = (List<String>) answer;
                    List<String> before = seen.getAndSet(now);
                    return now != null && now.stream().noneMatch(String::isEmpty) && now.equals(before);
                },
                "#" + comboId + " settled on what it offers for '" + typed + "'");
        List<String> texts = seen.get();
        WebElement input = browser.element(By.cssSelector("#" + comboId + " input"));
        input.sendKeys(Keys.ESCAPE);
        typeOver(input, "");
        return texts;
    }

    /** Types into the combo box with this id in place of what it held, and opens its list. */
    private void typeInto(String comboId, String typed) {
        WebElement input = browser.element(By.cssSelector("#" + comboId + " input"));
        input.click();
        typeOver(input, typed);
        input.sendKeys(Keys.ARROW_DOWN);
    }

    /**
     * Replaces the text of {@code input} as a person does, by selecting it and typing over it: WebDriver's clear()
     * also leaves the field, which commits an empty value to a combo box, and the server's answer to that may wipe the
     * text typed meanwhile.
     */
    static void typeOver(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        if (!text.isEmpty()) input.sendKeys(text);
    }

    /** What the Vaadin combo box with this id lists when opened (its entries' text), closed again after. */
    List<String> offered(String comboId) {
        WebElement input = browser.element(By.cssSelector("#" + comboId + " input"));
        input.click();
        input.sendKeys(Keys.ARROW_DOWN);
        // the entries come from the server after the list opens: shown first empty, then with their text
        String js = "return Array.from(document.querySelectorAll('vaadin-combo-box-item'))"
                + ".filter(i => i.offsetParent !== null).map(i => i.textContent.trim())";
        List<String> texts = new ArrayList<>();
        browser.until(
                () -> {
                    @SuppressWarnings("unchecked")
                    List<String> now = (List<String>) ((JavascriptExecutor) driver).executeScript(js);
                    texts.clear();
                    texts.addAll(now);
                    return !now.isEmpty() && now.stream().noneMatch(String::isEmpty);
                },
                "#" + comboId + "'s list open with its entries");
        input.sendKeys(Keys.ESCAPE);
        return texts;
    }

    /**
     * Types into the field with this id in place of what it held and presses Enter (a multi-select's typed value),
     * then waits until the field took the text: a Vaadin combo box clears its input once it has taken a typed value.
     * On a loaded machine an Enter that reached the box before its typed text did was not taken (the full run of
     * 09b941b4: RoutingPagesIT saved no members at all); then Enter is pressed again, as a person would.
     */
    void enter(String fieldId, String text) {
        browser.fill(fieldId, text);
        WebElement input = browser.element(By.cssSelector("#" + fieldId + " input"));
        input.sendKeys(Keys.ENTER);
        browser.until(
                () -> {
                    String left = input.getDomProperty("value");
                    if (left == null || left.isEmpty()) return true;
                    if (left.equals(text)) input.sendKeys(Keys.ENTER);
                    return false;
                },
                "#" + fieldId + " took '" + text + "'");
    }
}
