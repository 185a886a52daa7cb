package org.tandem.webui.routing;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBoxBase;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.tandem.pbx.conference.ConferenceRooms;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.ivr.IvrMenus;
import org.tandem.pbx.paging.PagingGroups;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.timecondition.TimeConditions;
import org.tandem.pbx.trunk.InboundRoutes;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.webui.i18n.UiTexts;

/**
 * What a {@link DestinationField} offers for each destination type (issue 17, defect 2): the users, ring groups,
 * rooms, IVR menus, queues, time conditions and paging groups that exist now, by number and name, so nobody types
 * numbers from memory; also the DIDs of inbound routes and the trunks, for the pickers that name those
 * ({@link TargetField}, {@link TargetsField}).
 * Read when a field is shown (the services answer from memory). Its words are in the language of the page that asks
 * (a {@code Locale} given, else the current UI's; English outside a page), so every page labels destinations alike.
 */
@Component
public class DestinationChoices {

    /** One existing target: the value of its text form ({@code 201} of {@code extension:201}) and what people read. */
    public record Choice(String value, String label) {}

    private final UserDirectory users;
    private final RoutingDirectory routing;
    private final ConferenceRooms rooms;
    private final IvrMenus menus;
    private final TimeConditions conditions;
    private final PagingGroups paging;
    private final CallQueues queues;
    private final InboundRoutes inbound;
    private final TrunkDirectory trunks;

    public DestinationChoices(
            UserDirectory users,
            RoutingDirectory routing,
            ConferenceRooms rooms,
            IvrMenus menus,
            TimeConditions conditions,
            PagingGroups paging,
            CallQueues queues,
            InboundRoutes inbound,
            TrunkDirectory trunks) {
        this.inbound = inbound;
        this.trunks = trunks;
        this.paging = paging;
        this.queues = queues;
        this.users = users;
        this.routing = routing;
        this.rooms = rooms;
        this.menus = menus;
        this.conditions = conditions;
    }

    /** The existing targets of {@code kind}, in number (or name) order; none for external numbers and hang up. */
    public List<Choice> of(DestinationField.Kind kind) {
        return of(kind, current());
    }

    /** {@link #of(DestinationField.Kind)} with a time condition's destinations in the words of {@code locale}. */
    public List<Choice> of(DestinationField.Kind kind, Locale locale) {
        List<Choice> found = switch (kind) {
            case EXTENSION, VOICEMAIL ->
                users.list().stream()
                        .map(u -> new Choice(u.extension(), named(u.extension(), u.displayName())))
                        .toList();
            case RINGGROUP ->
                routing.ringGroups().stream()
                        .map(g -> new Choice(g.number(), named(g.number(), g.name())))
                        .toList();
            case CONFERENCE ->
                rooms.list().stream()
                        .map(c -> new Choice(c.number(), named(c.number(), c.name())))
                        .toList();
            case QUEUE ->
                queues.list().stream()
                        .map(c -> new Choice(c.number(), named(c.number(), c.name())))
                        .toList();
            case IVR ->
                menus.list().stream().map(i -> new Choice(i.name(), i.name())).toList();
            case TIME ->
                conditions.list().stream()
                        .map(c -> new Choice(
                                c.name(),
                                text(
                                        locale,
                                        "routing.time-choice",
                                        c.name(),
                                        label(c.open(), locale),
                                        label(c.closed(), locale))))
                        .toList();
            case PAGING ->
                paging.list().stream()
                        .map(g -> new Choice(g.number(), named(g.number(), g.name())))
                        .toList();
            case EXTERNAL, HANGUP -> List.of();
        };
        return found.stream().sorted(NUMBERS_FIRST).toList();
    }

    /**
     * A destination as people read it, in the picker's words (issue 17, defect 11): {@code extension:201} →
     * "Extension 201 · Paula Nordmann", {@code time:office} → "Time condition office", {@code hangup} → "Hang up".
     * Every list and grid that shows a destination uses this, not the text form the API stores; a target that is
     * gone says so.
     *
     * @param destination a {@code Destination} or its text form; null or blank: ""
     */
    public String label(Object destination) {
        return label(destination, current());
    }

    /** {@link #label(Object)} in the words of {@code locale} (a component's {@code getLocale()}). */
    public String label(Object destination, Locale locale) {
        String text = destination == null ? "" : destination.toString().strip();
        if (text.isEmpty()) return "";
        if (text.equalsIgnoreCase("hangup")) return kindLabel(DestinationField.Kind.HANGUP, locale);
        int colon = text.indexOf(':');
        if (colon <= 0) return text;
        String type = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).strip();
        DestinationField.Kind kind = DestinationField.Kind.of(type);
        if (kind == null) return "park".equals(type) ? text(locale, "routing.park-orbit", value) : text;
        String gone = " " + text(locale, "routing.gone");
        String named = kindLabel(kind, locale);
        return switch (kind) {
            case EXTERNAL -> named + " " + value;
            case HANGUP -> named;
            // a condition's or menu's name is its label: the picker's "open: …, closed: …" is too long for a list
            // (their existence read from the services: a condition's choice is labelled with this, and one may lead
            // to another)
            case TIME ->
                named + " " + value
                        + (conditions.list().stream().anyMatch(c -> c.name().equals(value)) ? "" : gone);
            case IVR ->
                named + " " + value
                        + (of(kind, locale).stream().anyMatch(c -> c.value().equals(value)) ? "" : gone);
            default ->
                named + " "
                        + of(kind, locale).stream()
                                .filter(c -> c.value().equals(value))
                                .findFirst()
                                .map(Choice::label)
                                .orElse(value + gone);
        };
    }

    private static final UiTexts TEXTS = new UiTexts();

    /** A destination type as the picker lists it ("Extension", "Ring group"), in {@code locale}'s words. */
    static String kindLabel(DestinationField.Kind kind, Locale locale) {
        return text(locale, "routing.kind." + kind.prefix);
    }

    private static String text(Locale locale, String key, Object... params) {
        return TEXTS.getTranslation(key, locale, params);
    }

    /** The language of the page being drawn; English outside a page (a background job, a test). */
    private static Locale current() {
        UI ui = UI.getCurrent();
        return ui == null ? Locale.ENGLISH : ui.getLocale();
    }

    /** A combo box's page (Vaadin's default): more items than this are filtered on the server. */
    private static final int PAGE = 50;

    /**
     * Lists {@code items} in {@code picker} in one page, so that the browser filters them as it does a short list.
     * Above a page (Vaadin's 50) the server filters, half a second after each key, and what is typed and entered
     * meanwhile was lost: with more than 50 users a queue's typed agents were not taken. Users, queues and the rest
     * are at most a few thousand short labels.
     */
    public static <T> void listAll(ComboBoxBase<?, T, ?> picker, Collection<T> items) {
        picker.setPageSize(Math.max(PAGE, items.size()));
        picker.setItems(items);
    }

    /** The users, by extension and name ({@code 201 · Alice Smith}). */
    public List<Choice> users() {
        return of(DestinationField.Kind.EXTENSION);
    }

    /** The DIDs that have an inbound route, with where their calls go ({@code 4930555600 · Ring group 600 · Sales}). */
    public List<Choice> dids() {
        return inbound.list().stream()
                .map(d -> new Choice(d.did(), named(d.did(), label(d.destination()))))
                .sorted(NUMBERS_FIRST)
                .toList();
    }

    /** The trunks, by name and provider host ({@code sipgate · sipconnect.sipgate.de}). */
    public List<Choice> trunks() {
        return trunks.list().stream()
                .map(k -> new Choice(k.id(), named(k.id(), k.host())))
                .sorted(NUMBERS_FIRST)
                .toList();
    }

    /**
     * What a person typed into a picker of {@code listed} (value → label): {@code 201}, {@code 201 · Alice Smith} or a
     * part of a name ({@code alice}) → {@code 201} when exactly one listed target is meant; digits alone only as a
     * whole number (51 is not 151); anything else as typed (the service then says that it does not exist).
     */
    public static String resolve(Map<String, String> listed, String typed) {
        String t = typed == null ? "" : typed.strip();
        if (t.isEmpty() || listed.containsKey(t)) return t;
        String lower = t.toLowerCase(Locale.ROOT);
        boolean words = t.chars().anyMatch(Character::isLetter);
        List<String> matches = listed.entrySet().stream()
                .filter(e -> e.getValue().equalsIgnoreCase(t)
                        || words && e.getValue().toLowerCase(Locale.ROOT).contains(lower))
                .map(Map.Entry::getKey)
                .toList();
        return matches.size() == 1 ? matches.get(0) : t;
    }

    /** The one way a target is labelled: its number, then its name when it has one. */
    static String named(String number, String name) {
        return name == null || name.isBlank() ? number : number + " · " + name;
    }

    /** Numbers before names, 99 before 100, then as text. */
    private static final Comparator<Choice> NUMBERS_FIRST = Comparator.comparingInt(
                    (Choice c) -> digits(c.value()) ? c.value().length() : Integer.MAX_VALUE)
            .thenComparing(Choice::value);

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
