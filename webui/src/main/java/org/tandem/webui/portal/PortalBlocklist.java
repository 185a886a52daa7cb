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
import org.tandem.webui.frame.Deletion;

/**
 * A user's own blocklist in the portal: the callers they blocked (from a call-log row's "Block this caller"), each
 * with an "Unblock" button that asks first.
 */
final class PortalBlocklist extends VerticalLayout {

    private final String extension;
    private final Blocklist blocklist;
    private final Grid<BlockedNumber> grid = new Grid<>(BlockedNumber.class, false);

    PortalBlocklist(String extension, Blocklist blocklist) {
        this.extension = extension;
        this.blocklist = blocklist;
        grid.setId("my-blocklist");
        grid.addColumn(BlockedNumber::number).setHeader(getTranslation("portal.blocklist.number"));
        grid.addColumn(e -> getTranslation(e.prefix() ? "portal.blocklist.prefix" : "portal.blocklist.exact"))
                .setHeader(getTranslation("portal.blocklist.match"));
        grid.addComponentColumn(e -> {
                    Button unblock = new Button(
                            getTranslation("portal.blocklist.unblock"),
                            click -> Deletion.confirm(
                                    getTranslation("portal.blocklist.the-block-of", e.number()),
                                    () -> blocklist.delete(e.id()),
                                    () -> {
                                        Notification.show(getTranslation("portal.blocklist.unblocked", e.number()));
                                        refresh();
                                    }));
                    unblock.setId("unblock-" + e.id());
                    unblock.addThemeVariants(ButtonVariant.LUMO_SMALL);
                    return unblock;
                })
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.setAllRowsVisible(true);
        add(new Paragraph(getTranslation("portal.blocklist.intro")), grid);
        refresh();
    }

    /** Whether a call-log row has an outside caller's number that can be blocked. */
    static boolean blockable(CallRecord r) {
        return r.callerExtension() == null
                && r.callerNumber() != null
                && r.callerNumber().matches("\\+?[0-9]{1,32}");
    }

    /**
     * The "Block this caller" button of a call-log row (invisible for a colleague's or an anonymous call); its id is
     * {@code <grid>-block-<Call-ID>}, one per row of each list.
     */
    Button blockButton(String gridId, CallRecord r) {
        Button block = new Button(VaadinIcon.BAN.create(), click -> block(r.callerNumber()));
        block.setId(gridId + "-block-" + r.callId());
        block.setAriaLabel(getTranslation("portal.blocklist.block"));
        block.setTooltipText(getTranslation("portal.blocklist.block"));
        block.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        block.setVisible(blockable(r));
        return block;
    }

    private void block(String number) {
        try {
            blocklist.add(new BlockedNumberDraft(number, false, extension, "blocked from the call log"));
            Notification.show(getTranslation("portal.blocklist.blocked", number))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        } catch (DuplicateException x) {
            Notification.show(getTranslation("portal.blocklist.already", number));
        } catch (InvalidInputException x) {
            Notification.show(getTranslation(
                            "portal.blocklist.cannot",
                            number,
                            String.join("; ", x.fieldErrors(getLocale()).values())))
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void refresh() {
        grid.setItems(blocklist.listOf(extension));
    }
}
