package org.tandem.webui.voicemail;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.security.SecureRandom;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.security.AccountLockouts;
import org.tandem.pbx.voicemail.MessageCounts;
import org.tandem.pbx.voicemail.VoicemailBox;
import org.tandem.pbx.voicemail.VoicemailBoxes;
import org.tandem.pbx.voicemail.VoicemailStore;
import org.tandem.webui.form.DraftForm;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/**
 * Every voicemail box at a glance (issue 17: "the admin can reset a voicemail PIN and see mailboxes"): its user, new
 * and saved messages, whether a PIN is set, whether wrong PINs locked it. An admin gives a box a new PIN (typed or
 * generated, 4 to 10 digits) for a user who forgot theirs, which also lifts a lockout of the box.
 */
@Route(value = "voicemail-boxes", layout = MainLayout.class)
@PageName("Voicemail boxes")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class VoicemailBoxesView extends VerticalLayout implements TranslatedTitle {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final VoicemailBoxes boxes;
    private final VoicemailStore store;
    private final UserDirectory users;
    private final AccountLockouts lockouts;
    private final Grid<VoicemailBox> grid = new Grid<>(VoicemailBox.class, false);

    public VoicemailBoxesView(
            VoicemailBoxes boxes,
            VoicemailStore store,
            UserDirectory users,
            AccountLockouts lockouts,
            AuthenticationContext auth) {
        this.boxes = boxes;
        this.store = store;
        this.users = users;
        this.lockouts = lockouts;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        setSizeFull();
        grid.setId("voicemail-boxes");
        grid.addColumn(VoicemailBox::extension)
                .setHeader(getTranslation("voicemail.box"))
                .setAutoWidth(true);
        grid.addColumn(b -> users.find(b.extension()).map(User::displayName).orElse(""))
                .setHeader(getTranslation("voicemail.user"));
        grid.addColumn(b -> counts(b).newMessages())
                .setHeader(getTranslation("voicemail.new"))
                .setAutoWidth(true);
        grid.addColumn(b -> counts(b).savedMessages())
                .setHeader(getTranslation("voicemail.saved"))
                .setAutoWidth(true);
        grid.addColumn(b -> getTranslation(b.pinSet() ? "voicemail.pin.set" : "voicemail.pin.none"))
                .setHeader(getTranslation("voicemail.pin"))
                .setAutoWidth(true);
        grid.addColumn(b -> lockouts.isLocked(VoicemailBoxes.lockoutName(b.extension()))
                        ? getTranslation("voicemail.locked")
                        : "")
                .setHeader(getTranslation("voicemail.lock"))
                .setAutoWidth(true);
        grid.addColumn(b -> !b.enabled()
                        ? getTranslation("voicemail.off")
                        : b.emailNotify() && b.email() != null
                                ? getTranslation("voicemail.emailed-to", b.email())
                                : getTranslation("voicemail.kept"))
                .setHeader(getTranslation("voicemail.messages"))
                .setFlexGrow(2);
        if (canChange) grid.addItemClickListener(e -> pinDialog(e.getItem()).open());
        grid.setSizeFull();
        add(
                new H2(getTranslation("page.voicemail-boxes")),
                new Paragraph(getTranslation(canChange ? "voicemail.hint.admin" : "voicemail.hint")),
                grid);
        refresh();
    }

    private MessageCounts counts(VoicemailBox b) {
        return store.counts(b.extension());
    }

    private void refresh() {
        grid.setItems(boxes.list());
    }

    /** A box's new PIN as {@link VoicemailBoxes#setPin} takes it, by the name of its error. */
    private record PinChange(String pin) {}

    private Dialog pinDialog(VoicemailBox box) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("voicemail.box-named", box.extension()));
        TextField pin = new TextField(getTranslation("voicemail.new-pin"));
        pin.setId("voicemail-pin");
        pin.setHelperText(getTranslation("voicemail.new-pin.helper"));
        Button generate = new Button(
                getTranslation("voicemail.generate"),
                e -> pin.setValue(String.format("%06d", RANDOM.nextInt(1_000_000))));
        generate.setId("generate-voicemail-pin");
        generate.addThemeVariants(ButtonVariant.LUMO_SMALL);
        pin.setSuffixComponent(generate);
        DraftForm<PinChange> form =
                DraftForm.of(PinChange.class, "voicemail-pin-error", null).bind("pin", pin, DraftForm.stripped());
        form.read(new PinChange(""));
        Button save = new Button(getTranslation("voicemail.set-pin"), e -> {
            if (!form.save(change -> boxes.setPin(box.extension(), change.pin()))) return;
            boolean wasLocked = lockouts.unlock(VoicemailBoxes.lockoutName(box.extension()));
            dialog.close();
            refresh();
            Notification.show(
                    getTranslation(wasLocked ? "voicemail.pin-set-unlocked" : "voicemail.pin-set", box.extension()));
        });
        save.setId("save-voicemail-pin");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("voicemail.cancel"), e -> dialog.close());
        dialog.add(pin, form.errors().formError());
        dialog.getFooter().add(cancel, save);
        return dialog;
    }
}
