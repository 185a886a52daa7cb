package org.tandem.webui.form;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.BindingValidationStatusHandler;
import com.vaadin.flow.data.binder.Result;
import com.vaadin.flow.data.binder.ValidationException;
import com.vaadin.flow.data.binder.ValueContext;
import com.vaadin.flow.data.converter.Converter;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.function.SerializableFunction;
import com.vaadin.flow.function.SerializablePredicate;
import com.vaadin.flow.function.SerializableSupplier;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.tandem.pbx.prompt.Language;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The inputs of one form bound with a {@link Binder} to what the service takes (its draft record, or a map such as the
 * feature codes), each by the name the service gives that value and its errors: {@link #save} writes the draft, hands
 * it to the service, and shows what the service refused under the input it names ({@link FieldErrors}), a taken key
 * under the key's input, the rest in the form's error line. The binding of {@link EditorDialog} (the editor skeleton)
 * and of the pages that edit one thing in place (call park, network, a user's call settings, ...); the page keeps its
 * own layout and buttons. An admin who may only read (OPERATOR) sees the inputs read-only ({@link #readOnlyUnless}).
 *
 * @param <D> what the service takes (e.g. {@code ParkSettingsDraft})
 */
public final class DraftForm<D> {

    private final FieldErrors errors;
    /** The values by their names. */
    private final Binder<Map<String, Object>> binder = new Binder<>();

    private final Function<D, Map<String, Object>> spread;
    private final Function<Map<String, Object>, D> compose;
    private final String keyName;
    private final List<HasValue<?, ?>> inputs = new ArrayList<>();
    private UnaryOperator<Map<String, String>> worded = UnaryOperator.identity();

    /**
     * A form of a draft record: its values by the record's component names, the draft made with the record's canonical
     * constructor (as {@code Binder.writeRecord} would if it did not take a draft's first constructor, which may be a
     * shorter one).
     *
     * @param formErrorId the id of the line under the form (errors that name no input)
     * @param keyName     the component that names the thing (number, extension, id): a duplicate is shown under it;
     *                    null where the service refuses no duplicate (a duplicate then goes to the form's line)
     */
    public static <R extends Record> DraftForm<R> of(Class<R> draft, String formErrorId, String keyName) {
        return new DraftForm<>(formErrorId, keyName, r -> components(draft, r), values -> record(draft, values));
    }

    /**
     * A form of any draft: {@code spread} gives its values by name, {@code compose} makes it from them.
     *
     * @see #of(Class, String, String)
     */
    public DraftForm(
            String formErrorId,
            String keyName,
            Function<D, Map<String, Object>> spread,
            Function<Map<String, Object>, D> compose) {
        // the service checks; a component's own check (an e-mail's pattern) keeps showing as it did without a Binder
        binder.setDefaultValidatorsEnabled(false);
        errors = new FieldErrors(formErrorId);
        this.keyName = keyName;
        this.spread = spread;
        this.compose = compose;
    }

    /** Where the service's errors go: bind more names to inputs or groups here ({@code members[2]}, {@code lines}). */
    public FieldErrors errors() {
        return errors;
    }

    /** Binds {@code input} as it is to the value {@code name}, and the service's errors of that name. */
    public <V, F extends HasValue<?, V> & HasValidation> DraftForm<D> bind(String name, F input) {
        byName(name, forInput(name, input));
        return this;
    }

    /** As {@link #bind(String, HasValue)}, the input's value converted to the draft's (stripped, split, ...). */
    public <P, V, F extends HasValue<?, P> & HasValidation> DraftForm<D> bind(
            String name, F input, Converter<P, V> converter) {
        byName(name, forInput(name, input).withConverter(emptyForNone(input, converter)));
        return this;
    }

    /** As {@link #bind(String, HasValue)}, with the form's own check: its message under the input stops the save. */
    public <V, F extends HasValue<?, V> & HasValidation> DraftForm<D> bind(
            String name, F input, SerializablePredicate<V> check, String message) {
        byName(name, forInput(name, input).withValidator(check, message));
        return this;
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
     * A value no single input holds (a ring group's members, an IVR menu's key map, a phone's lines): the form
     * composes it from its inputs when the draft is written and spreads it over them when one is read. The service's
     * errors of those inputs are the form's to bind (e.g. {@code options.1} to the key 1 input).
     */
    public <V> DraftForm<D> bindComposed(String name, SerializableSupplier<V> read, SerializableConsumer<V> write) {
        byName(name, binder.forField(new ComposedValue<>(read, write)));
        return this;
    }

    /** The service's errors as the inputs show them, where a form says more (which holiday of the list). */
    public DraftForm<D> worded(UnaryOperator<Map<String, String>> wording) {
        this.worded = wording;
        return this;
    }

    /** Fills the inputs from a draft: the defaults of a new thing, or the thing as it is (as the service answered). */
    public void read(D draft) {
        binder.readBean(new HashMap<>(spread.apply(draft)));
    }

    /** Inputs read-only for who may not change (besides those read-only already, as a key once created). */
    public void readOnlyUnless(boolean canChange) {
        for (HasValue<?, ?> input : inputs) input.setReadOnly(input.isReadOnly() || !canChange);
    }

    /**
     * Writes the draft and hands it to {@code service}; when it refuses, shows why at the inputs.
     *
     * @return true when the service took the draft; false when it, or the form's own check, refused it
     */
    public boolean save(Service<D> service) {
        errors.clear();
        Map<String, Object> values = new HashMap<>();
        try {
            binder.writeBean(values);
        } catch (ValidationException x) {
            return false; // the form's own check failed: its message is under its input already
        }
        try {
            service.save(compose.apply(values));
            return true;
        } catch (InvalidInputException x) {
            errors.show(worded.apply(x.fieldErrors(locale())));
        } catch (DuplicateException x) {
            if (keyName == null) errors.showForm(x.text(locale()));
            else errors.show(Map.of(keyName, x.text(locale())));
        }
        return false;
    }

    /** The page's language (English without a UI, e.g. in a unit test). */
    private static Locale locale() {
        UI ui = UI.getCurrent();
        return ui == null ? Locale.ENGLISH : ui.getLocale();
    }

    private static Map<String, Object> components(Class<? extends Record> type, Record draft) {
        Map<String, Object> values = new HashMap<>();
        try {
            for (RecordComponent c : type.getRecordComponents()) {
                Method accessor = c.getAccessor();
                accessor.setAccessible(true); // a form's own draft may be a private record of its page
                values.put(c.getName(), accessor.invoke(draft));
            }
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException("cannot read " + type.getSimpleName(), x);
        }
        return values;
    }

    private static <R extends Record> R record(Class<R> type, Map<String, Object> values) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = values.get(components[i].getName());
            types[i] = components[i].getType();
        }
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(args);
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException("cannot make " + type.getSimpleName(), x);
        }
    }

    /** A conversion that cannot fail (a key stripped, a list joined and split); null stays null both ways. */
    public static <P, M> Converter<P, M> converter(
            SerializableFunction<P, M> toDraft, SerializableFunction<M, P> toInput) {
        return Converter.from(
                p -> Result.ok(p == null ? null : toDraft.apply(p)), m -> m == null ? null : toInput.apply(m));
    }

    /** The key as typed, without the blanks around it (the key's own input). */
    public static Converter<String, String> stripped() {
        return converter(String::strip, m -> m);
    }

    /** A text as typed, stripped; none (null) when blank: what the services take for "none" (a mobile number). */
    public static Converter<String, String> blankForNone() {
        return converter(t -> t.isBlank() ? null : t.strip(), m -> m);
    }

    /** A list typed as one text: split at the regex {@code separator}, blanks dropped; shown joined with {@code joiner}. */
    public static Converter<String, List<String>> list(String separator, String joiner) {
        return converter(text -> split(text, separator), l -> String.join(joiner, l));
    }

    public static List<String> split(String text, String separator) {
        return Arrays.stream(text.split(separator))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** A language picker's choice as the draft's code: "" for none (the system language), as {@link LanguageField#code}. */
    public static Converter<Language, String> languageCode() {
        return Converter.from(
                l -> Result.ok(l == null ? "" : l.code()), c -> Language.of(c).orElse(null));
    }

    /** What the form's service does with a draft (create, update, apply); throws what it refuses. */
    @FunctionalInterface
    public interface Service<D> {
        void save(D draft);
    }

    /** A form's own check shows under its input, as the service's do; a valid value leaves the input alone. */
    private static BindingValidationStatusHandler atTheInput(HasValidation input) {
        return status -> {
            if (status.isError()) {
                input.setErrorMessage(status.getMessage().orElse(""));
                input.setInvalid(true);
            }
        };
    }
}
