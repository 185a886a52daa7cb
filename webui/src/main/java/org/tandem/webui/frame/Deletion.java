package org.tandem.webui.frame;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.tandem.pbx.validation.InUseException;
import org.tandem.webui.i18n.UiTexts;

/**
 * Every delete in the admin UI asks first, in a dialog (id {@code confirm-delete}) that says what else uses the
 * thing. When something still sends calls to it (an IVR key, an inbound route, a ring group, a forwarding), the
 * delete is refused there, with the list of what to change first, so no configuration is left pointing at nothing.
 * Otherwise the admin confirms ({@code confirm-delete-ok}) or cancels ({@code confirm-delete-cancel}).
 */
public final class Deletion {

    /** The frame's texts ({@code i18n/frame*.properties}); without state, so one for all. */
    private static final UiTexts TEXTS = new UiTexts();

    private Deletion() {}

    /** The text in the language of the page that deletes (English outside a page). */
    private static String text(String key, Object... params) {
        return TEXTS.getTranslation(key, language(), params);
    }

    private static Locale language() {
        UI ui = UI.getCurrent();
        return ui == null ? Locale.ENGLISH : ui.getLocale();
    }

    /**
     * Asks before deleting {@code what} (e.g. "User 103").
     *
     * @param usedBy what uses it now (empty: nothing does); the service checks again when it deletes
     * @param delete the delete itself; an {@link InUseException} from it (changed meanwhile) is shown, nothing else
     * @param then   after a delete: refresh, close the editor
     */
    public static void confirm(String what, List<String> usedBy, Runnable delete, Runnable then) {
        Dialog dialog = new Dialog();
        dialog.setId("confirm-delete");
        Paragraph text = new Paragraph();
        text.setId("confirm-delete-text");
        dialog.add(text);
        if (!usedBy.isEmpty()) {
            dialog.setHeaderTitle(text("frame.delete.used.title", what));
            text.setText(text("frame.delete.used.text", what));
            UnorderedList list =
                    new UnorderedList(usedBy.stream().map(ListItem::new).toArray(ListItem[]::new));
            list.setId("confirm-delete-users");
            dialog.add(list, new Paragraph(text("frame.delete.used.next")));
            Button close = new Button(text("frame.delete.close"), e -> dialog.close());
            close.setId("confirm-delete-cancel");
            close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            dialog.getFooter().add(close);
        } else {
            dialog.setHeaderTitle(text("frame.delete.title", inSentence(what)));
            text.setText(text("frame.delete.text", inSentence(what)));
            Button cancel = new Button(text("frame.delete.cancel"), e -> dialog.close());
            cancel.setId("confirm-delete-cancel");
            Button ok = new Button(text("frame.delete.ok"), e -> {
                dialog.close();
                run(what, delete, then);
            });
            ok.setId("confirm-delete-ok");
            ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
            dialog.getFooter().add(cancel, ok);
        }
        dialog.open();
    }

    /** {@link #confirm} for things nothing else can use (a phone, a route, a message). */
    public static void confirm(String what, Runnable delete, Runnable then) {
        confirm(what, List.of(), delete, then);
    }

    /**
     * The Delete button in the footer of an editor (id {@code id}, the error theme): asks with {@link #confirm},
     * listing what {@code usedBy} names at the moment of the click; after the delete runs {@code changed} and closes
     * {@code editor}.
     */
    public static Button editorButton(
            Dialog editor,
            String label,
            String id,
            String what,
            Supplier<List<String>> usedBy,
            Runnable delete,
            Runnable changed) {
        Button button = new Button(
                label,
                e -> confirm(what, usedBy.get(), delete, () -> {
                    changed.run();
                    editor.close();
                }));
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return button;
    }

    /** Deletes at once: on success says so and runs {@code then}; when other configuration uses it, says what. */
    public static void run(String what, Runnable delete, Runnable then) {
        try {
            delete.run();
        } catch (InUseException e) {
            Notification n = Notification.show(
                    text("frame.delete.in-use", e.getMessage()), 10_000, Notification.Position.MIDDLE);
            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
            n.setId("in-use");
            return;
        }
        Notification.show(text("frame.delete.done", what));
        then.run();
    }

    /**
     * "User 103" reads "user 103" inside an English sentence; "IVR menu main" keeps its capitals. The other languages
     * keep the name as it is: German writes nouns capitalised, French and Spanish quote it.
     */
    private static String inSentence(String what) {
        return language().getLanguage().equals(Locale.ENGLISH.getLanguage()) ? lowerFirst(what) : what;
    }

    private static String lowerFirst(String what) {
        if (what.length() > 1 && Character.isUpperCase(what.charAt(0)) && Character.isLowerCase(what.charAt(1))) {
            return Character.toLowerCase(what.charAt(0)) + what.substring(1);
        }
        return what;
    }
}
