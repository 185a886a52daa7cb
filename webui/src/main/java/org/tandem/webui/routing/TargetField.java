package org.tandem.webui.routing;

import com.vaadin.flow.component.combobox.ComboBox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandem.webui.routing.DestinationChoices.Choice;

/**
 * A picker of one existing target (issue 17, defect 2): a user, queue, DID or trunk, listed by number and name as the
 * {@link DestinationField} lists them ({@code 201 · Alice Smith}), to pick or to find by typing the number or part of
 * the name. Its value is the bare number or name ({@code 201}), what the services take, or empty; something typed
 * that is not listed is kept as typed, so the service's message ("there is no extension 499") is shown at the field.
 */
public class TargetField extends ComboBox<String> {

    /** Listed: value → label. */
    private Map<String, String> listed = Map.of();

    public TargetField(String label, String id, List<Choice> choices) {
        super(label);
        setId(id);
        setClearButtonVisible(true);
        setAllowCustomValue(true);
        // as in DestinationField: the list opens with its arrow or the Down key, not at every key typed (an open list
        // covers the fields and buttons below it); what is typed is taken on Enter or when leaving the field
        setAutoOpen(false);
        setItemLabelGenerator(v -> listed.getOrDefault(v, v));
        offer(choices);
        addCustomValueSetListener(e -> {
            String v = DestinationChoices.resolve(listed, e.getDetail());
            setValue(v.isEmpty() ? null : v);
        });
    }

    /** Lists {@code choices} instead (e.g. the subject's kind changed); keeps the value. */
    public final void offer(List<Choice> choices) {
        Map<String, String> now = new LinkedHashMap<>();
        choices.forEach(c -> now.put(c.value(), c.label()));
        listed = now;
        String keep = getValue();
        DestinationChoices.listAll(this, List.copyOf(now.keySet()));
        if (keep != null) setValue(keep);
    }

    /** The value, stripped; empty when none. */
    public String text() {
        return getValue() == null ? "" : getValue().strip();
    }
}
