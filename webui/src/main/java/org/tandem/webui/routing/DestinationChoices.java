package org.tandem.webui.routing;

import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.tandem.pbx.conference.ConferenceRooms;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.ivr.IvrMenus;
import org.tandem.pbx.paging.PagingGroups;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.timecondition.TimeConditions;

/**
 * What a {@link DestinationField} offers for each destination type (issue 17, defect 2): the users, ring groups,
 * rooms, IVR menus, queues, time conditions and paging groups that exist now, by number and name, so nobody types
 * numbers from memory.
 * Read when a field is shown (the services answer from memory).
 */
@Component
public class DestinationChoices {

    /** One existing target: the value of its text form ({@code 201} of {@code extension:201}) and what people read. */
    public record Choice(String value, String label) {
    }

    private final UserDirectory users;
    private final ObjectProvider<RoutingDirectory> routing;
    private final ObjectProvider<ConferenceRooms> rooms;
    private final ObjectProvider<IvrMenus> menus;
    private final ObjectProvider<TimeConditions> conditions;
    private final ObjectProvider<PagingGroups> paging;
    private final ObjectProvider<CallQueues> queues;

    public DestinationChoices(UserDirectory users, ObjectProvider<RoutingDirectory> routing,
                              ObjectProvider<ConferenceRooms> rooms, ObjectProvider<IvrMenus> menus,
                              ObjectProvider<TimeConditions> conditions, ObjectProvider<PagingGroups> paging,
                              ObjectProvider<CallQueues> queues) {
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
        List<Choice> found = switch (kind) {
            case EXTENSION, VOICEMAIL -> users.list().stream()
                    .map(u -> new Choice(u.extension(), named(u.extension(), u.displayName()))).toList();
            case RINGGROUP -> list(routing, r -> r.ringGroups().stream()
                    .map(g -> new Choice(g.number(), named(g.number(), g.name()))).toList());
            case CONFERENCE -> list(rooms, r -> r.list().stream()
                    .map(c -> new Choice(c.number(), named(c.number(), c.name()))).toList());
            case QUEUE -> list(queues, q -> q.list().stream()
                    .map(c -> new Choice(c.number(), named(c.number(), c.name()))).toList());
            case IVR -> list(menus, m -> m.list().stream().map(i -> new Choice(i.name(), i.name())).toList());
            case TIME -> list(conditions, t -> t.list().stream()
                    .map(c -> new Choice(c.name(), c.name() + " · open: " + c.open() + ", closed: " + c.closed()))
                    .toList());
            case PAGING -> list(paging, p -> p.list().stream()
                    .map(g -> new Choice(g.number(), named(g.number(), g.name()))).toList());
            case EXTERNAL, HANGUP -> List.of();
        };
        return found.stream().sorted(NUMBERS_FIRST).toList();
    }

    private static <S> List<Choice> list(ObjectProvider<S> service, java.util.function.Function<S, List<Choice>> f) {
        S s = service.getIfAvailable();
        return s == null ? List.of() : f.apply(s);
    }

    private static String named(String number, String name) {
        return name == null || name.isBlank() ? number : number + " · " + name;
    }

    /** Numbers before names, 99 before 100, then as text. */
    private static final Comparator<Choice> NUMBERS_FIRST = Comparator
            .comparingInt((Choice c) -> digits(c.value()) ? c.value().length() : Integer.MAX_VALUE)
            .thenComparing(Choice::value);

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
