package org.tandem.webui.form;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.BindingValidationStatusHandler;
import com.vaadin.flow.data.binder.ValidationException;
import com.vaadin.flow.data.binder.ValueContext;
import com.vaadin.flow.data.converter.Converter;
import com.vaadin.flow.data.binder.Result;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.function.SerializableFunction;
import com.vaadin.flow.function.SerializablePredicate;
import com.vaadin.flow.function.SerializableSupplier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tandem.pbx.prompt.Language;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The skeleton of an editor dialog (a user, a trunk, a conference room, ...). Its inputs are bound with a
 * {@link Binder} to the service's draft record, each by the draft's component name, which is also the name the service
 * gives its errors (the Binder's bean holds the values by those names; the draft is made with the record's canonical
 * constructor, as {@code Binder.writeRecord} would if it did not take a draft's first constructor, which may be a
 * shorter one): {@link #save} writes the draft, hands it to the service and closes, or shows what the service
 * refused under the input it names ({@link FieldErrors}), a taken key under the key's input. The service checks
 * every value; an editor's own check (a {@code Binder} validator) shows its message under its input the same way.
 * An admin who may only read (OPERATOR) sees the same inputs read-only ({@link #readOnlyUnless}).
 *
 * @param <D> the service's draft (e.g. {@code ConferenceRoomDraft})
 */
public abstract class EditorDialog<D extends Record> extends Dialog {

    protected final FieldErrors errors;
    /** The values by the draft's component names. */
    private final Binder<Map<String, Object>> binder = new Binder<>();
    private final Class<D> draftType;
    private final String keyName;
    private final List<HasValue<?, ?>> inputs = new ArrayList<>();

    /**
     * @param draft       the draft's class, whose components the inputs are bound to
     * @param formErrorId the id of the line under the form (errors that name no input)
     * @param keyName     the component that names the thing (number, extension, id): a duplicate is shown under it
     */
    protected EditorDialog(Class<D> draft, String formErrorId, String keyName) {
        draftType = draft;
        // the service checks; a component's own check (an e-mail's pattern) keeps showing as it did without a Binder
        binder.setDefaultValidatorsEnabled(false);
        errors = new FieldErrors(formErrorId);
        this.keyName = keyName;
    }

    /** Binds {@code input} as it is to the draft's component {@code name}, and the service's errors of that name. */
    protected final <V, F extends HasValue<?, V> & HasValidation> void bind(String name, F input) {
        byName(name, forInput(name, input));
    }

    /** As {@link #bind(String, HasValue)}, the input's value converted to the draft's (stripped, split, ...). */
    protected final <P, V, F extends HasValue<?, P> & HasValidation> void bind(String name, F input,
                                                                              Converter<P, V> converter) {
        byName(name, forInput(name, input).withConverter(emptyForNone(input, converter)));
    }

    /** As {@link #bind(String, HasValue)}, with an editor's own check: its message under the input stops the save. */
    protected final <V, F extends HasValue<?, V> & HasValidation> void bind(String name, F input,
                                                                           SerializablePredicate<V> check,
                                                                           String message) {
        byName(name, forInput(name, input).withValidator(check, message));
    }

    private <V, F extends HasValue<?, V> & HasValidation> Binder.BindingBuilder<Map<String, Object>, V> forInput(
            String name, F input) {
        errors.bind(name, input);
        inputs.add(input);
        return binder.forField(input).withValidationStatusHandler(atTheInput(input));
    }

    /**
     * A converter replaces the Binder's own null representation: a draft's none (null) shows as the input's empty
     * value, since a text field takes no null.
     */
    private static <P, V> Converter<P, V> emptyForNone(HasValue<?, P> input, Converter<P, V> converter) {
        return new Converter<>() {
            @Override
            public Result<V> convertToModel(P value, ValueContext context) {
                return converter.convertToModel(value, context);
            }

            @Override
            public P convertToPresentation(V value, ValueContext context) {
                P shown = converter.convertToPresentation(value, context);
                return shown == null ? input.getEmptyValue() : shown;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <V> void byName(String name, Binder.BindingBuilder<Map<String, Object>, V> binding) {
        // what is typed stays as typed (a write-only password is not emptied, a list not re-joined while typing)
        binding.bind(values -> (V) values.get(name), (values, v) -> values.put(name, v))
                .setConvertBackToPresentation(false);
    }

    /**
     * A component no single input holds (a ring group's members, an IVR menu's key map, a trunk's template): the
     * editor composes it from its inputs when the draft is written and spreads it over them when one is read. The
     * service's errors of those inputs are the editor's to bind (e.g. {@code options.1} to the key 1 input).
     */
    protected final <V> void bindComposed(String name, SerializableSupplier<V> read, SerializableConsumer<V> write) {
        byName(name, binder.forField(new ComposedValue<>(read, write)));
    }

    /** Fills the inputs from a draft: the defaults of a new thing, or the thing as it is. */
    protected final void read(D draft) {
        Map<String, Object> values = new HashMap<>();
        try {
            for (RecordComponent c : draftType.getRecordComponents()) values.put(c.getName(), c.getAccessor().invoke(draft));
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException("cannot read " + draftType.getSimpleName(), x);
        }
        binder.readBean(values);
    }

    /** The draft the inputs hold, through the record's canonical constructor. */
    private D draft() throws ValidationException {
        Map<String, Object> values = new HashMap<>();
        binder.writeBean(values);
        RecordComponent[] components = draftType.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = values.get(components[i].getName());
            types[i] = components[i].getType();
        }
        try {
            return draftType.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException("cannot make " + draftType.getSimpleName(), x);
        }
    }

    /** Inputs read-only for who may not change (besides those read-only already, as a key once created). */
    protected final void readOnlyUnless(boolean canChange) {
        for (HasValue<?, ?> input : inputs) input.setReadOnly(input.isReadOnly() || !canChange);
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
    protected final void save(Service<D> service, Function<D, String> savedMessage, Runnable changed) {
        errors.clear();
        D draft;
        try {
            draft = draft();
        } catch (ValidationException x) {
            return; // an editor's own check failed: its message is under its input already
        }
        try {
            service.save(draft);
        } catch (InvalidInputException x) {
            errors.show(worded(x.fieldErrors(getLocale())));
            return;
        } catch (DuplicateException x) {
            errors.show(Map.of(keyName, x.text(getLocale())));
            return;
        }
        Notification.show(savedMessage.apply(draft)).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        changed.run();
        close();
    }

    /** A conversion that cannot fail (a key stripped, a list joined and split); null stays null both ways. */
    protected static <P, M> Converter<P, M> converter(SerializableFunction<P, M> toDraft,
                                                      SerializableFunction<M, P> toInput) {
        return Converter.from(p -> Result.ok(p == null ? null : toDraft.apply(p)),
                m -> m == null ? null : toInput.apply(m));
    }

    /** The key as typed, without the blanks around it (the key's own input). */
    protected static Converter<String, String> stripped() {
        return converter(String::strip, m -> m);
    }

    /** A list typed as one text: split at the regex {@code separator}, blanks dropped; shown joined with {@code joiner}. */
    protected static Converter<String, List<String>> list(String separator, String joiner) {
        return converter(text -> split(text, separator), l -> String.join(joiner, l));
    }

    protected static List<String> split(String text, String separator) {
        return Arrays.stream(text.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A language picker's choice as the draft's code: "" for none (the system language), as {@link LanguageField#code}. */
    protected static Converter<Language, String> languageCode() {
        return Converter.from(l -> Result.ok(l == null ? "" : l.code()), c -> Language.of(c).orElse(null));
    }

    /** The service's errors as the inputs show them; an editor may say more (which holiday of the list). */
    protected Map<String, String> worded(Map<String, String> fieldErrors) {
        return fieldErrors;
    }

    /** What the editor's service does with a draft (create or update); throws what it refuses. */
    @FunctionalInterface
    protected interface Service<D> {
        void save(D draft);
    }

    /** An editor's own check shows under its input, as the service's do; a valid value leaves the input alone. */
    private static BindingValidationStatusHandler atTheInput(HasValidation input) {
        return status -> {
            if (status.isError()) {
                input.setErrorMessage(status.getMessage().orElse(""));
                input.setInvalid(true);
            }
        };
    }
}
