package org.tandem.webui.frame;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.function.SerializableFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a grid that its page refreshes on every poll. {@code Grid.setItems} installs a new data provider, and
 * that forgets every row key the browser holds: a click sent just before a poll's redraw names no row any more (its
 * {@code ItemClickEvent} has no item) and the admin's click is lost — seen on a loaded machine as a click on a phone
 * that did not open it. Here the grid keeps one data provider whose rows are known by their identity (a MAC, an
 * extension), so a row keeps its key across refreshes, and the grid is redrawn only when what it shows changed.
 */
public final class PolledRows<T> {

    private final List<T> rows = new ArrayList<>();
    private final ListDataProvider<T> provider;
    private final SerializableFunction<T, ?> shownAs;
    private List<Object> shown;

    /**
     * @param identity what names a row across refreshes (its key in the browser)
     * @param shownAs what the row shows: the grid is redrawn when this changes for any row (the row itself, or the row
     *     with what its columns look up elsewhere, e.g. a phone with its lines' registrations)
     */
    public PolledRows(Grid<T> grid, SerializableFunction<T, ?> identity, SerializableFunction<T, ?> shownAs) {
        this.shownAs = shownAs;
        this.provider = new ListDataProvider<>(rows) {
            @Override
            public Object getId(T row) {
                return identity.apply(row);
            }
        };
        grid.setItems(provider);
    }

    public PolledRows(Grid<T> grid, SerializableFunction<T, ?> identity) {
        this(grid, identity, row -> row);
    }

    /** Shows {@code next}; redraws only if it differs from what is shown. Returns whether it redrew. */
    public boolean show(List<T> next) {
        List<Object> nextShown = new ArrayList<>(next.size());
        for (T row : next) nextShown.add(shownAs.apply(row));
        if (nextShown.equals(shown)) return false;
        shown = nextShown;
        rows.clear();
        rows.addAll(next);
        provider.refreshAll();
        return true;
    }
}
