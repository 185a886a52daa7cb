package org.tandem.webui.blocklist;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.concurrent.atomic.AtomicReference;
import org.tandem.pbx.blocklist.BlockTreatment;
import org.tandem.pbx.blocklist.BlockedNumber;
import org.tandem.pbx.blocklist.BlockedNumberDraft;
import org.tandem.pbx.blocklist.Blocklist;
import org.tandem.pbx.blocklist.BlocklistPolicy;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.webui.form.DraftForm;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.routing.TargetField;
import org.tandem.webui.security.Roles;

/**
 * Outside callers refused by number or prefix, for everyone or for one user (users add their own from the portal's
 * call log), anonymous callers optionally, and what a blocked caller gets.
 */
@Route(value = "blocklist", layout = MainLayout.class)
@PageName("Blocklist")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class BlocklistView extends VerticalLayout implements TranslatedTitle {

    /** The entry form between entries: an exact number for everyone. */
    private static final BlockedNumberDraft NO_ENTRY = new BlockedNumberDraft("", false, null, "");

    private final Blocklist blocklist;
    private final Grid<BlockedNumber> grid = new Grid<>(BlockedNumber.class, false);
    private final TextField number = new TextField(getTranslation("blocklist.callers-number"));
    private final Checkbox prefix = new Checkbox(getTranslation("blocklist.prefix"));
    private final TargetField extension;
    private final TextField note = new TextField(getTranslation("blocklist.note"));
    private final Checkbox blockAnonymous = new Checkbox(getTranslation("blocklist.block-anonymous"));
    private final ComboBox<BlockTreatment> treatment = new ComboBox<>(getTranslation("blocklist.treatment-field"));
    private final ComboBox<String> prompt = new ComboBox<>(getTranslation("blocklist.prompt"));
    private final DraftForm<BlockedNumberDraft> entryForm =
            DraftForm.of(BlockedNumberDraft.class, "blocklist-form-error", "number");
    private final DraftForm<PolicyChange> policyForm = DraftForm.of(PolicyChange.class, "blocklist-policy-error", null)
            .bind("blockAnonymous", blockAnonymous)
            .bind("treatment", treatment, DraftForm.converter(BlockTreatment::name, BlockTreatment::valueOf))
            .bind("prompt", prompt);

    /** What {@link Blocklist#setPolicy} takes, by the names of its errors. */
    private record PolicyChange(boolean blockAnonymous, String treatment, String prompt) {}

    public BlocklistView(Blocklist blocklist, Prompts prompts, DestinationChoices choices, AuthenticationContext auth) {
        this.blocklist = blocklist;
        extension = new TargetField(getTranslation("blocklist.only-for-user"), "blocked-extension", choices.users());
        boolean canChange = auth.hasRole(Roles.ADMIN);
        grid.setId("blocklist");
        grid.addColumn(BlockedNumber::number)
                .setHeader(getTranslation("blocklist.number"))
                .setAutoWidth(true);
        grid.addColumn(e -> getTranslation(e.prefix() ? "blocklist.starts-with" : "blocklist.exactly"))
                .setHeader(getTranslation("blocklist.match"))
                .setAutoWidth(true);
        grid.addColumn(e -> e.extension() == null ? getTranslation("blocklist.everyone") : e.extension())
                .setHeader(getTranslation("blocklist.for"))
                .setAutoWidth(true);
        grid.addColumn(e -> e.note() == null ? "" : e.note())
                .setHeader(getTranslation("blocklist.note"))
                .setFlexGrow(2);
        if (canChange) {
            grid.addComponentColumn(e -> {
                        Button delete = new Button(
                                VaadinIcon.TRASH.create(),
                                click -> Deletion.confirm(entry(e), () -> blocklist.delete(e.id()), this::refresh));
                        delete.setId("delete-blocked-" + e.id());
                        delete.setAriaLabel(getTranslation("blocklist.unblock", e.number()));
                        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                        return delete;
                    })
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        grid.setAllRowsVisible(true);
        number.setId("blocked-number");
        number.setHelperText(getTranslation("blocklist.number.helper"));
        prefix.setId("blocked-prefix");
        extension.setHelperText(getTranslation("blocklist.extension.helper"));
        extension.setPlaceholder(getTranslation("blocklist.everyone"));
        note.setId("blocked-note");
        entryForm
                .bind("number", number)
                .bind("prefix", prefix)
                .bind("extension", extension, DraftForm.blankForNone())
                .bind("note", note);
        entryForm.read(NO_ENTRY);
        Button add = new Button(getTranslation("blocklist.block"), VaadinIcon.BAN.create(), e -> add());
        add.setId("add-blocked");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout entry = new HorizontalLayout(number, prefix, extension, note, add);
        entry.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        entry.setVisible(canChange);

        blockAnonymous.setId("block-anonymous");
        treatment.setId("block-treatment");
        treatment.setItems(BlockTreatment.values());
        treatment.setItemLabelGenerator(this::label);
        prompt.setId("block-prompt");
        prompt.setItems(prompts.ids());
        prompt.setHelperText(getTranslation("blocklist.prompt.helper"));
        BlocklistPolicy p = blocklist.policy();
        policyForm.read(new PolicyChange(p.blockAnonymous(), p.treatment().name(), p.prompt()));
        Button save = new Button(getTranslation("blocklist.save"), e -> savePolicy());
        save.setId("save-block-policy");
        save.setVisible(canChange);
        policyForm.readOnlyUnless(canChange);
        HorizontalLayout policy = new HorizontalLayout(treatment, prompt, save);
        policy.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(
                new H2(getTranslation("page.blocklist")),
                new Paragraph(getTranslation("blocklist.hint")),
                grid,
                entry,
                entryForm.errors().formError(),
                new H3(getTranslation("blocklist.treatment")),
                blockAnonymous,
                policy,
                policyForm.errors().formError());
        refresh();
    }

    /** "Blocklist entry +4930555 (for 431 · Front Desk)", as the delete dialog names it. */
    private String entry(BlockedNumber e) {
        return e.extension() == null
                ? getTranslation("blocklist.entry.everyone", e.number())
                : getTranslation(
                        "blocklist.entry.user",
                        e.number(),
                        extension.getItemLabelGenerator().apply(e.extension()));
    }

    private String label(BlockTreatment t) {
        return getTranslation(
                switch (t) {
                    case BUSY -> "blocklist.busy";
                    case DECLINE -> "blocklist.decline";
                    case FORBIDDEN -> "blocklist.forbidden";
                    case PROMPT -> "blocklist.prompt-then-hang-up";
                });
    }

    private void add() {
        AtomicReference<BlockedNumber> added = new AtomicReference<>();
        if (!entryForm.save(draft -> added.set(blocklist.add(draft)))) return;
        BlockedNumber e = added.get();
        Notification.show(
                        e.extension() == null
                                ? getTranslation("blocklist.blocked", e.number())
                                : getTranslation("blocklist.blocked-for", e.number(), e.extension()))
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        entryForm.read(NO_ENTRY);
        refresh();
    }

    private void savePolicy() {
        if (policyForm.save(p -> blocklist.setPolicy(p.blockAnonymous(), p.treatment(), p.prompt()))) {
            Notification.show(getTranslation("blocklist.treatment-saved"))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }
    }

    private void refresh() {
        grid.setItems(blocklist.list());
    }
}
