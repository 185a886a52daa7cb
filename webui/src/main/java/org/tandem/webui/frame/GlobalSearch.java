package org.tandem.webui.frame;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.QueryParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The search box of the admin UI's top bar (issue 17): a user by extension, name or e-mail, a phone by MAC (with or
 * without separators), a ring group, a DID, a trunk — whatever the features contribute ({@link SiteSearch}) — and
 * picking one opens its page. Only hits whose page the signed-in account may open are offered.
 */
final class GlobalSearch extends ComboBox<SearchHit> {

    static final int LIMIT = 20;

    GlobalSearch(List<SiteSearch> sources, Predicate<Class<?>> mayOpen) {
        setId("global-search");
        setPlaceholder(getTranslation("frame.search"));
        setPrefixComponent(VaadinIcon.SEARCH.create());
        setClearButtonVisible(true);
        setWidth("22em");
        setItemLabelGenerator(SearchHit::label);
        setItems(query -> hits(sources, mayOpen, query.getFilter().orElse("")).stream()
                .skip(query.getOffset())
                .limit(query.getLimit()));
        addValueChangeListener(e -> {
            SearchHit hit = e.getValue();
            if (hit == null || !e.isFromClient()) return;
            clear();
            UI.getCurrent().navigate(hit.path(), QueryParameters.simple(hit.query()));
        });
    }

    static List<SearchHit> hits(List<SiteSearch> sources, Predicate<Class<?>> mayOpen, String filter) {
        String term = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        if (term.isEmpty()) return List.of();
        List<SearchHit> all = new ArrayList<>();
        for (SiteSearch s : sources) {
            s.find(term, LIMIT).stream().filter(h -> mayOpen.test(h.view())).forEach(all::add);
            if (all.size() >= LIMIT) break;
        }
        return all.size() > LIMIT ? all.subList(0, LIMIT) : all;
    }
}
