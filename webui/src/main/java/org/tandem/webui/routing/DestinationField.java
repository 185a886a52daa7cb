package org.tandem.webui.routing;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The one destination picker (issue 17, defect 2): its type from a list and, beside it, the existing targets of that
 * type by number and name ({@code 201 · Alice Smith}, the time condition {@code office}) to pick from or to find by
 * typing part of a name; an external number is typed. Its value is the destination's text form
 * ({@code extension:201}, {@code time:office}, {@code hangup}), or empty for "none"; every change is checked with
 * {@link Destination#parse}, and a value typed for a type that lists its targets must be one of them ("there is no
 * extension 999"), shown under the field at once (the service checks again on save). Without
 * {@link #offer(DestinationChoices)} nothing is listed and any value is taken as typed.
 * Ids: {@code <id>-type}, {@code <id>-value}.
 */
public class DestinationField extends CustomField<String> {

    /**
     * The destination types, as offered in the list, by their text form's prefix; each is labelled with
     * {@code routing.kind.<prefix>} of i18n/routing*.properties ("Extension", "Ring group", ...).
     */
    public enum Kind {
        EXTENSION("extension"),
        RINGGROUP("ringgroup"),
        VOICEMAIL("voicemail"),
        CONFERENCE("conference"),
        IVR("ivr"),
        QUEUE("queue"),
        TIME("time"),
        PAGING("page"),
        EXTERNAL("external"),
        HANGUP("hangup");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** Every type the dial plan knows. */
        public static List<Kind> all() {
            return List.of(values());
        }

        static Kind of(String prefix) {
            for (Kind k : values()) {
                if (k.prefix.equals(prefix)) return k;
            }
            return null;
        }
    }

    private final Select<Kind> type = new Select<>();
    private final ComboBox<String> value = new ComboBox<>();
    private DestinationChoices choices;
    /** The listed targets of the chosen type: value → label. */
    private Map<String, String> listed = Map.of();

    private Kind listedKind;
    private boolean refresh;

    public DestinationField(String label, String id, List<Kind> kinds) {
        setLabel(label);
        setId(id);
        type.setId(id + "-type");
        type.setItems(kinds);
        type.setItemLabelGenerator(k -> DestinationChoices.kindLabel(k, getLocale()));
        type.setValue(kinds.get(0));
        type.setWidth("12.5em");
        value.setId(id + "-value");
        value.setPlaceholder(placeholder(kinds.get(0)));
        value.setClearButtonVisible(true);
        value.setAllowCustomValue(true);
        // the list opens with its arrow (or the Down key), not at every key typed: an open list covers the fields
        // and buttons below it, and a typed number or name is taken on Enter or when leaving the field anyway
        value.setAutoOpen(false);
        value.setItems(List.of());
        value.setItemLabelGenerator(v -> listed.getOrDefault(v, v));
        value.setWidth("16em");
        // what is typed and not picked: a listed target whose number or name it is, else the text as it is
        value.addCustomValueSetListener(e -> {
            String typed = e.getDetail() == null ? "" : e.getDetail().strip();
            if (whole(typed) != null) {
                // the text form pasted or typed whole (extension:201, time:office, as the API writes it): its type
                // is chosen too
                setPresentationValue(typed);
                changed();
                return;
            }
            String v = resolve(typed);
            value.setValue(v.isEmpty() ? null : v);
        });
        type.addValueChangeListener(e -> {
            Kind k = e.getValue();
            value.setVisible(k != Kind.HANGUP);
            value.setPlaceholder(placeholder(k));
            list(k, value.getValue() == null ? "" : value.getValue());
            changed();
        });
        value.addValueChangeListener(e -> changed());
        HorizontalLayout row = new HorizontalLayout(type, value);
        row.setSpacing(true);
        row.setPadding(false);
        add(row);
    }

    /** Lists the existing targets of each type from {@code choices} (read now and at each change of type). */
    public DestinationField offer(DestinationChoices choices) {
        this.choices = choices;
        refresh = true;
        list(type.getValue(), value.getValue());
        return this;
    }

    /**
     * Fills the value's list with the targets of {@code k} when the type changed (or the choices came), then sets
     * {@code keep} (null: leaves the value), listed or not: a value that is not listed shows as it is.
     */
    private void list(Kind k, String keep) {
        if (k != listedKind || refresh) {
            Map<String, String> now = new LinkedHashMap<>();
            if (choices != null && k != null) {
                choices.of(k, getLocale()).forEach(c -> now.put(c.value(), c.label()));
            }
            listed = now;
            listedKind = k;
            refresh = false;
            DestinationChoices.listAll(value, new ArrayList<>(now.keySet()));
        }
        if (keep != null) value.setValue(keep.isEmpty() ? null : keep);
    }

    /** The type of a whole text form ({@code extension:201}, {@code hangup}) when this field offers it, else null. */
    private Kind whole(String typed) {
        if (typed.equalsIgnoreCase("hangup")) return offers(Kind.HANGUP) ? Kind.HANGUP : null;
        int colon = typed.indexOf(':');
        Kind k = colon > 0 ? Kind.of(typed.substring(0, colon).strip().toLowerCase(Locale.ROOT)) : null;
        return k != null && offers(k) ? k : null;
    }

    /** What was typed → the listed target meant ({@link DestinationChoices#resolve}). */
    private String resolve(String typed) {
        return DestinationChoices.resolve(listed, typed);
    }

    /** The text form now in the field; empty when no value is typed (and the type is not "hang up"). */
    public String text() {
        Kind k = type.getValue();
        if (k == null) return "";
        if (k == Kind.HANGUP) return "hangup";
        String v = value.getValue() == null ? "" : value.getValue().strip();
        return v.isEmpty() ? "" : k.prefix + ":" + v;
    }

    /** The text, or null when empty: what the services take for "none". */
    public String textOrNull() {
        String t = text();
        return t.isEmpty() ? null : t;
    }

    @Override
    protected String generateModelValue() {
        return text();
    }

    @Override
    protected void setPresentationValue(String destination) {
        String t = destination == null ? "" : destination.strip();
        if (t.equalsIgnoreCase("hangup") && offers(Kind.HANGUP)) {
            type.setValue(Kind.HANGUP);
            list(Kind.HANGUP, "");
            return;
        }
        int colon = t.indexOf(':');
        Kind k = colon > 0 ? Kind.of(t.substring(0, colon).toLowerCase(Locale.ROOT)) : null;
        if (k != null && offers(k)) {
            type.setValue(k);
            list(k, t.substring(colon + 1).strip());
        } else {
            // a type this field does not offer (set through the API): show it whole, not silently changed
            list(type.getValue(), t);
        }
    }

    private boolean offers(Kind k) {
        return type.getListDataView().contains(k);
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        super.setReadOnly(readOnly);
        type.setReadOnly(readOnly);
        value.setReadOnly(readOnly);
    }

    private void changed() {
        updateValue();
        String t = text();
        if (t.isEmpty()) {
            setInvalid(false);
            return;
        }
        try {
            Destination.parse(t, "destination");
            Kind k = type.getValue();
            String v = value.getValue();
            if (choices != null && listsTargets(k) && v != null && !listed.containsKey(v.strip())) {
                setErrorMessage(missing(k, v.strip()));
                setInvalid(true);
                return;
            }
            setInvalid(false);
        } catch (InvalidInputException e) {
            setErrorMessage(e.fieldErrors(getLocale()).values().iterator().next());
            setInvalid(true);
        }
    }

    private static boolean listsTargets(Kind k) {
        return k != Kind.EXTERNAL && k != Kind.HANGUP;
    }

    /**
     * In the words the services use for the same problem (KnownDestinations and the features' checks), in the page's
     * language: {@code routing.missing.<prefix>}.
     */
    private String missing(Kind k, String v) {
        return listsTargets(k) ? getTranslation("routing.missing." + k.prefix, v) : "";
    }

    /** {@code routing.placeholder.<prefix>}; an external number's example is a number in any language. */
    private String placeholder(Kind k) {
        return switch (k) {
            case EXTERNAL -> "+4930123456";
            case HANGUP -> "";
            default -> getTranslation("routing.placeholder." + k.prefix);
        };
    }
}
