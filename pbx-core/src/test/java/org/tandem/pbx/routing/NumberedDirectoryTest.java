package org.tandem.pbx.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InUseException;

/**
 * What a feature dialled by number answers about its numbers, here for conference rooms: the claim names the room,
 * dialling its number reaches it, a destination naming a number without a room is a problem (another kind is not
 * this feature's business), and a delete is refused while an IVR key still sends calls there.
 */
class NumberedDirectoryTest {

    record Room(String number, String name) {}

    private final Map<String, Room> rooms = new ConcurrentHashMap<>(Map.of("800", new Room("800", "Board")));
    /** What sends calls where: the IVR menu main's key 1 to room 800. */
    private final Map<Destination, List<String>> uses =
            new ConcurrentHashMap<>(Map.of(new Destination.Conference("800"), List.of("IVR menu main (key 1)")));

    private final List<String> rowsDeleted = new ArrayList<>();
    private final NumberedDirectory<Room, Destination.Conference> numbers = new NumberedDirectory<>(
            rooms,
            Room::name,
            known(),
            Destination.Conference.class,
            Destination.Conference::new,
            Destination.Conference::room,
            "Conference room",
            "claim.conference-room",
            "destination.no-conference-room");

    @Test
    void aRoomsNumberIsClaimedByTheRoomByName() {
        assertThat(numbers.claimedBy("800")).contains(FieldError.of("claim.conference-room", "Board"));
        assertThat(numbers.claimedBy("800").orElseThrow().text()).isEqualTo("conference room Board");
        assertThat(numbers.claimedBy("801")).as("a free number").isEmpty();
    }

    @Test
    void diallingARoomsNumberReachesTheRoom() {
        assertThat(numbers.destinationOf("800")).contains(new Destination.Conference("800"));
        assertThat(numbers.destinationOf("801")).isEmpty();
    }

    @Test
    void aDestinationNamingNoRoomIsAProblemAndOtherKindsAreNotThisFeatures() {
        assertThat(numbers.problem(new Destination.Conference("801")))
                .contains(FieldError.of("destination.no-conference-room", "801"));
        assertThat(numbers.problem(new Destination.Conference("801"))
                        .orElseThrow()
                        .text())
                .isEqualTo("there is no conference room 801");
        assertThat(numbers.problem(new Destination.Conference("800"))).isEmpty();
        assertThat(numbers.problem(new Destination.Queue("801")))
                .as("a queue is another feature's")
                .isEmpty();
        assertThat(numbers.problem(new Destination.Hangup())).isEmpty();
    }

    @Test
    void theUsesOfARoomAreWhatSendsCallsToIt() {
        assertThat(numbers.usesOf("800")).containsExactly("IVR menu main (key 1)");
        assertThat(numbers.usesOf("801")).isEmpty();
    }

    @Test
    void aRoomInUseIsNotDeletedAndTheRefusalNamesItAndItsUses() {
        assertThatThrownBy(() -> numbers.delete("800", this::deleteRow))
                .isInstanceOfSatisfying(InUseException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Conference room 800 is in use by IVR menu main (key 1)");
                    assertThat(e.users()).containsExactly("IVR menu main (key 1)");
                });
        assertThat(rowsDeleted).isEmpty();
        assertThat(rooms).containsKey("800");
    }

    @Test
    void aRoomNobodyCallsIsDeletedRowFirst() {
        uses.clear();
        assertThat(numbers.delete("800", this::deleteRow)).isTrue();
        assertThat(rowsDeleted).containsExactly("800");
        assertThat(rooms).doesNotContainKey("800");
        assertThat(numbers.claimedBy("800")).isEmpty();
    }

    @Test
    void noRoomOrNoRowIsNoDelete() {
        assertThat(numbers.delete("801", this::deleteRow)).isFalse();
        assertThat(rowsDeleted).as("no room: the database is not asked").isEmpty();

        uses.clear();
        assertThat(numbers.delete("800", number -> 0))
                .as("the row was already gone")
                .isFalse();
        assertThat(rooms).as("kept in memory as the database did not change").containsKey("800");
    }

    private int deleteRow(String number) {
        rowsDeleted.add(number);
        return 1;
    }

    /** Destinations checked against nothing; their uses are {@link #uses}. */
    private KnownDestinations known() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("uses", (DestinationUse) d -> uses.getOrDefault(d, List.of()));
        return new KnownDestinations(
                null, null, beans.getBeanProvider(DestinationCheck.class), beans.getBeanProvider(DestinationUse.class));
    }
}
