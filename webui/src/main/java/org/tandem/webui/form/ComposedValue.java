package org.tandem.webui.form;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.function.SerializableSupplier;
import com.vaadin.flow.shared.Registration;

/**
 * A draft's component that several inputs hold together (an IVR menu's key map, a ring group's member rows), as one
 * value a {@code Binder} can read and write: {@link EditorDialog#bindComposed}.
 */
final class ComposedValue<V> implements HasValue<HasValue.ValueChangeEvent<V>, V> {

    /** Composes the value from the inputs. */
    private final SerializableSupplier<V> read;
    /** Spreads a value over the inputs. */
    private final SerializableConsumer<V> write;

    private boolean readOnly;

    ComposedValue(SerializableSupplier<V> read, SerializableConsumer<V> write) {
        this.read = read;
        this.write = write;
    }

    @Override
    public void setValue(V value) {
        write.accept(value);
    }

    @Override
    public V getValue() {
        return read.get();
    }

    /** The inputs tell their own changes; nothing listens to the whole. */
    @Override
    public Registration addValueChangeListener(ValueChangeListener<? super ValueChangeEvent<V>> listener) {
        return () -> {};
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public void setRequiredIndicatorVisible(boolean visible) {}

    @Override
    public boolean isRequiredIndicatorVisible() {
        return false;
    }
}
