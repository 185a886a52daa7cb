package org.tandem.webui.frame;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import org.tandem.pbx.directory.InUseException;

/**
 * Deletes something from an editor: on success says so and runs {@code then} (refresh, close); when other
 * configuration still uses it, says what (an error notification with id {@code in-use}) and changes nothing.
 */
public final class Deletion {

    private Deletion() {
    }

    public static void run(String what, Runnable delete, Runnable then) {
        try {
            delete.run();
        } catch (InUseException e) {
            Notification n = Notification.show(e.getMessage() + ". Change that first.", 10_000,
                    Notification.Position.MIDDLE);
            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
            n.setId("in-use");
            return;
        }
        Notification.show(what + " deleted");
        then.run();
    }
}
