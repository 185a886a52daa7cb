package org.tandem.webui.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.ItemClickEvent;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PolledRowsTest {

    record Phone(String mac, String lastFetch) {}

    private final Grid<Phone> grid = new Grid<>();
    private final PolledRows<Phone> rows = new PolledRows<>(grid, Phone::mac);
    private final AtomicInteger redraws = new AtomicInteger();

    PolledRowsTest() {
        grid.getDataProvider().addDataProviderListener(e -> redraws.incrementAndGet());
    }

    /** The browser's click names a row by the key the grid gave it; as a click arriving right after a poll does. */
    private Phone clicked(String key) {
        return new ItemClickEvent<>(grid, true, key, null, 0, 0, 0, 0, 1, 0, false, false, false, false).getItem();
    }

    @Test
    void aRowKeepsItsKeyWhenAPollRedrawsTheGrid() {
        rows.show(List.of(new Phone("001565bb0001", "never"), new Phone("001565bb0002", "never")));
        String key = grid.getDataCommunicator().getKeyMapper().key(new Phone("001565bb0002", "never"));

        // the phone fetched its configuration: the poll redraws the grid with the row changed
        assertThat(rows.show(List.of(new Phone("001565bb0001", "never"), new Phone("001565bb0002", "12:00:01"))))
                .isTrue();

        assertThat(clicked(key)).isNotNull().extracting(Phone::mac).isEqualTo("001565bb0002");
    }

    @Test
    void aPollThatFindsNothingChangedDoesNotRedraw() {
        rows.show(List.of(new Phone("001565bb0001", "never")));
        int before = redraws.get();

        assertThat(rows.show(List.of(new Phone("001565bb0001", "never")))).isFalse();
        assertThat(redraws.get()).isEqualTo(before);
        assertThat(grid.getListDataView().getItems()).containsExactly(new Phone("001565bb0001", "never"));

        assertThat(rows.show(List.of())).isTrue();
        assertThat(redraws.get()).isEqualTo(before + 1);
        assertThat(grid.getListDataView().getItems()).isEmpty();
    }

    @Test
    void whatARowShowsBesideItselfRedrawsIt() {
        String[] registration = {"461 registered"};
        PolledRows<Phone> lines = new PolledRows<>(grid, Phone::mac, p -> List.of(p, registration[0]));
        List<Phone> same = List.of(new Phone("001565bb0001", "never"));
        assertThat(lines.show(same)).isTrue();
        assertThat(lines.show(same)).isFalse();

        registration[0] = "461 not registered";
        assertThat(lines.show(same))
                .as("the same phones, another registration shown")
                .isTrue();
    }
}
