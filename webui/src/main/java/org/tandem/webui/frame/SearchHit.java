package org.tandem.webui.frame;

import com.vaadin.flow.component.Component;
import java.util.Map;

/**
 * One answer of the search box in the admin UI's top bar: what it shows ({@code 101 · Alice Smith — user}), the page it
 * opens ({@code view} at {@code path} with {@code query}); the page's roles decide who is offered it.
 */
public record SearchHit(String label, Class<? extends Component> view, String path, Map<String, String> query) {

    public static SearchHit of(String label, Class<? extends Component> view, String path) {
        return new SearchHit(label, view, path, Map.of());
    }
}
