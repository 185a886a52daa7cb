package org.tandem.webui.routing;

import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.Locale;
import org.tandem.pbx.directory.InvalidInputException;
import org.tandem.pbx.routing.Destination;

/**
 * Picks a dial-plan {@link Destination}: its type from a list and its value (extension, number, …)
 * beside it. Its value is the destination's text form ({@code extension:201}, {@code hangup}), or
 * empty for "none"; every change is checked with {@link Destination#parse} and a problem is shown
 * under the field at once (the service checks again on save). Ids: {@code <id>-type}, {@code <id>-value}.
 */
public class DestinationField extends CustomField<String> {

    /** The destination types, as offered in the list (text form prefix and label). */
    public enum Kind {
        EXTENSION("extension", "Extension"),
        RINGGROUP("ringgroup", "Ring group"),
        VOICEMAIL("voicemail", "Voicemail box"),
        CONFERENCE("conference", "Conference room"),
        IVR("ivr", "IVR menu"),
        EXTERNAL("external", "External number"),
        HANGUP("hangup", "Hang up");

        final String prefix;
        final String label;

        Kind(String prefix, String label) {
            this.prefix = prefix;
            this.label = label;
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
    private final TextField value = new TextField();

    public DestinationField(String label, String id, List<Kind> kinds) {
        setLabel(label);
        setId(id);
        type.setId(id + "-type");
        type.setItems(kinds);
        type.setItemLabelGenerator(k -> k.label);
        type.setValue(kinds.get(0));
        type.setWidth("12.5em");
        value.setId(id + "-value");
        value.setPlaceholder(placeholder(kinds.get(0)));
        value.setClearButtonVisible(true);
        type.addValueChangeListener(e -> {
            Kind k = e.getValue();
            value.setVisible(k != Kind.HANGUP);
            value.setPlaceholder(placeholder(k));
            changed();
        });
        value.addValueChangeListener(e -> changed());
        HorizontalLayout row = new HorizontalLayout(type, value);
        row.setSpacing(true);
        row.setPadding(false);
        add(row);
    }

    /** The text form now in the field; empty when no value is typed (and the type is not "hang up"). */
    public String text() {
        Kind k = type.getValue();
        if (k == null) return "";
        if (k == Kind.HANGUP) return "hangup";
        String v = value.getValue().strip();
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
            value.clear();
            return;
        }
        int colon = t.indexOf(':');
        Kind k = colon > 0 ? Kind.of(t.substring(0, colon).toLowerCase(Locale.ROOT)) : null;
        if (k != null && offers(k)) {
            type.setValue(k);
            value.setValue(t.substring(colon + 1));
        } else {
            // a type this field does not offer (set through the API): show it whole, not silently changed
            value.setValue(t);
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
            setInvalid(false);
        } catch (InvalidInputException e) {
            setErrorMessage(e.fieldErrors().values().iterator().next());
            setInvalid(true);
        }
    }

    private static String placeholder(Kind k) {
        return switch (k) {
            case EXTENSION -> "201";
            case RINGGROUP -> "600";
            case VOICEMAIL -> "box, e.g. 201";
            case CONFERENCE -> "room, e.g. 800";
            case IVR -> "menu, e.g. main";
            case EXTERNAL -> "+4930123456";
            case HANGUP -> "";
        };
    }
}
