package org.tandem.webui.form;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.data.converter.Converter;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.function.SerializableFunction;
import com.vaadin.flow.function.SerializablePredicate;
import com.vaadin.flow.function.SerializableSupplier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.tandem.pbx.prompt.Language;

/**
 * The skeleton of an editor dialog (a user, a trunk, a conference room, ...). Its inputs are bound with a
 * {@link DraftForm} (a {@code Binder}) to the service's draft record, each by the draft's component name, which is
 * also the name the service gives its errors: {@link #save} writes the draft, hands it to the service and closes, or
 * shows what the service refused under the input it names ({@link FieldErrors}), a taken key under the key's input.
 * The service checks every value; an editor's own check (a {@code Binder} validator) shows its message under its input
 * the same way. An admin who may only read (OPERATOR) sees the same inputs read-only ({@link #readOnlyUnless}).
 *
 * @param <D> the service's draft (e.g. {@code ConferenceRoomDraft})
 */
public abstract class EditorDialog<D extends Record> extends Dialog {

    protected final FieldErrors errors;
    private final DraftForm<D> form;

    /**
     * @param draft       the draft's class, whose components the inputs are bound to
     * @param formErrorId the id of the line under the form (errors that name no input)
     * @param keyName     the component that names the thing (number, extension, id): a duplicate is shown under it
     */
    protected EditorDialog(Class<D> draft, String formErrorId, String keyName) {
        form = DraftForm.of(draft, formErrorId, keyName).worded(this::worded);
        errors = form.errors();
    }

    /** Binds {@code input} as it is to the draft's component {@code name}, and the service's errors of that name. */
    protected final <V, F extends HasValue<?, V> & HasValidation> void bind(String name, F input) {
        form.bind(name, input);
    }

    /** As {@link #bind(String, HasValue)}, the input's value converted to the draft's (stripped, split, ...). */
    protected final <P, V, F extends HasValue<?, P> & HasValidation> void bind(
            String name, F input, Converter<P, V> converter) {
        form.bind(name, input, converter);
    }

    /** As {@link #bind(String, HasValue)}, with an editor's own check: its message under the input stops the save. */
    protected final <V, F extends HasValue<?, V> & HasValidation> void bind(
            String name, F input, SerializablePredicate<V> check, String message) {
        form.bind(name, input, check, message);
    }

    /**
     * A component no single input holds (a ring group's members, an IVR menu's key map, a trunk's template): the
     * editor composes it from its inputs when the draft is written and spreads it over them when one is read. The
     * service's errors of those inputs are the editor's to bind (e.g. {@code options.1} to the key 1 input).
     */
    protected final <V> void bindComposed(String name, SerializableSupplier<V> read, SerializableConsumer<V> write) {
        form.bindComposed(name, read, write);
    }

    /** Fills the inputs from a draft: the defaults of a new thing, or the thing as it is. */
    protected final void read(D draft) {
        form.read(draft);
    }

    /** Inputs read-only for who may not change (besides those read-only already, as a key once created). */
    protected final void readOnlyUnless(boolean canChange) {
        form.readOnlyUnless(canChange);
    }

    /** Save, the primary button of the footer. */
    protected final Button addSaveButton(String label, String id, Runnable save) {
        Button button = new Button(label, e -> save.run());
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(button);
        return button;
    }

    /**
     * Writes the draft and hands it to {@code service}; when it takes it, says so, runs {@code changed} and closes;
     * when it refuses, shows why at the inputs and stays open.
     */
    protected final void save(DraftForm.Service<D> service, Function<D, String> savedMessage, Runnable changed) {
        AtomicReference<D> taken = new AtomicReference<>();
        if (!form.save(draft -> {
            service.save(draft);
            taken.set(draft);
        })) {
            return;
        }
        Notification.show(savedMessage.apply(taken.get())).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        changed.run();
        close();
    }

    /** A conversion that cannot fail (a key stripped, a list joined and split); null stays null both ways. */
    protected static <P, M> Converter<P, M> converter(
            SerializableFunction<P, M> toDraft, SerializableFunction<M, P> toInput) {
        return DraftForm.converter(toDraft, toInput);
    }

    /** The key as typed, without the blanks around it (the key's own input). */
    protected static Converter<String, String> stripped() {
        return DraftForm.stripped();
    }

    /** A list typed as one text: split at the regex {@code separator}, blanks dropped; shown joined with {@code joiner}. */
    protected static Converter<String, List<String>> list(String separator, String joiner) {
        return DraftForm.list(separator, joiner);
    }

    protected static List<String> split(String text, String separator) {
        return DraftForm.split(text, separator);
    }

    /** A language picker's choice as the draft's code: "" for none (the system language), as {@link LanguageField#code}. */
    protected static Converter<Language, String> languageCode() {
        return DraftForm.languageCode();
    }

    /** The service's errors as the inputs show them; an editor may say more (which holiday of the list). */
    protected Map<String, String> worded(Map<String, String> fieldErrors) {
        return fieldErrors;
    }
}
