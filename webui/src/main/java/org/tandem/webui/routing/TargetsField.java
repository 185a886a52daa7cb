package org.tandem.webui.routing;

import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tandem.webui.routing.DestinationChoices.Choice;

/**
 * A picker of several existing targets (issue 17, defect 2), e.g. a queue's agents or a paging group's members:
 * the users listed by number and name as the {@link DestinationField} lists them ({@code 201 · Alice Smith}), each
 * picked from the list or found by typing its number or part of its name; several numbers may be typed at once,
 * separated by commas ({@code 201, 202}). The chosen ones keep the order they were chosen in (a queue rings its agents
 * in that order). Something typed that is not listed is kept as typed, so the service's message ("there is no
 * extension 499") is shown at the field.
 */
public class TargetsField extends MultiSelectComboBox<String> {

    private final Map<String, String> listed = new LinkedHashMap<>();
    /** The chosen values in the order they were chosen (the component's own set need not keep it). */
    private final List<String> order = new ArrayList<>();

    public TargetsField(String label, String id, List<Choice> choices) {
        super(label);
        setId(id);
        choices.forEach(c -> listed.put(c.value(), c.label()));
        DestinationChoices.listAll(this, List.copyOf(listed.keySet()));
        setItemLabelGenerator(v -> listed.getOrDefault(v, v));
        setAllowCustomValue(true);
        // as in DestinationField: the list opens with its arrow or the Down key, not at every key typed (an open list
        // covers the fields below it); numbers typed are taken on Enter
        setAutoOpen(false);
        setClearButtonVisible(true);
        setSelectedItemsOnTop(true);
        addCustomValueSetListener(e -> {
            Set<String> now = new LinkedHashSet<>(order);
            for (String typed : split(e.getDetail())) {
                String v = DestinationChoices.resolve(listed, typed);
                if (!v.isEmpty()) now.add(v);
            }
            setValue(now);
        });
        addValueChangeListener(e -> {
            order.retainAll(e.getValue());
            e.getValue().stream().filter(v -> !order.contains(v)).forEach(order::add);
        });
    }

    /** {@code 201, 202} and {@code 201 202} are two; {@code Alice Smith} is one (a name has spaces). */
    private static List<String> split(String typed) {
        List<String> out = new ArrayList<>();
        if (typed == null) return out;
        for (String part : typed.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            if (p.matches("[+0-9\\s]+")) out.addAll(List.of(p.split("\\s+")));
            else out.add(p);
        }
        return out;
    }

    /** Chooses {@code values}, in this order. */
    public void choose(List<String> values) {
        order.clear();
        order.addAll(values);
        setValue(new LinkedHashSet<>(values));
    }

    /** The chosen values in the order they were chosen. */
    public List<String> chosen() {
        return List.copyOf(order);
    }
}
