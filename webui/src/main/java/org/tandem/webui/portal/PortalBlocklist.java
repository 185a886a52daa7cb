package org.tandem.webui.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import org.tandem.pbx.blocklist.BlockedNumber;
import org.tandem.pbx.blocklist.BlockedNumberDraft;
import org.tandem.pbx.blocklist.Blocklist;
import org.tandem.pbx.cdr.CallRecord;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * A user's own blocklist in the portal: the callers they blocked (from a call-log row's "Block this caller"), each
 * with an "Unblock" button.
 */
final class PortalBlocklist extends VerticalLayout {

    private final String extension;
    private final Blocklist blocklist;
    private final Grid<BlockedNumber> grid = new Grid<>(BlockedNumber.class, false);

    PortalBlocklist(String extension, Blocklist blocklist) {
        this.extension = extension;
        this.blocklist = blocklist;
        grid.setId("my-blocklist");
        grid.addColumn(BlockedNumber::number).setHeader("Number");
        grid.addColumn(e -> e.prefix() ? "starts with" : "exactly").setHeader("Match");
        grid.addComponentColumn(e -> {
            Button unblock = new Button("Unblock", click -> {
                blocklist.delete(e.id());
                Notification.show(e.number() + " can call you again");
                refresh();
            });
            unblock.setId("unblock-" + e.id());
            unblock.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return unblock;
        }).setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        add(new Paragraph("Calls from these numbers never ring your phones. Add one with \"Block\" in your call log."),
                grid);
        refresh();
    }

    /** Whether a call-log row has an outside caller's number that can be blocked. */
    static boolean blockable(CallRecord r) {
        return r.callerExtension() == null && r.callerNumber() != null && r.callerNumber().matches("\\+?[0-9]{1,32}");
    }

    /** The "Block this caller" button of a call-log row (invisible for a colleague's or an anonymous call). */
    Button blockButton(CallRecord r) {
        Button block = new Button(VaadinIcon.BAN.create(), click -> block(r.callerNumber()));
        block.setAriaLabel("Block this caller");
        block.setTooltipText("Block this caller");
        block.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        block.setVisible(blockable(r));
        return block;
    }

    private void block(String number) {
        try {
            blocklist.add(new BlockedNumberDraft(number, false, extension, "blocked from the call log"));
            Notification.show(number + " is blocked: its calls will not ring your phones")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        } catch (DuplicateException x) {
            Notification.show(number + " is already blocked");
        } catch (InvalidInputException x) {
            Notification.show("Cannot block " + number + ": " + String.join("; ", x.fieldErrors().values()))
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void refresh() {
        grid.setItems(blocklist.listOf(extension));
    }
}
