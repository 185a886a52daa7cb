package org.tandem.webui.network;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import org.tandem.operations.network.NetworkChangeRefused;
import org.tandem.operations.network.SshAccess;
import org.tandem.operations.network.SshState;

/**
 * The SSH switch of the Network page (issue 21, item 4): off by default; on, the root helper starts sshd for the admin
 * account made at install and opens TCP 22 in the firewall. The helper's answer shows beside it. Where openssh-server
 * is not installed, or the operating system manages the machine, the page says so and the switch is read-only.
 */
class SshAccessPanel extends VerticalLayout {

    private final SshAccess ssh;
    private final Runnable changed;
    private final Checkbox enabled = new Checkbox(getTranslation("network.ssh.switch"));
    private final Span outcome = new Span();
    private final Span error = new Span();

    SshAccessPanel(SshAccess ssh, Runnable changed) {
        this.ssh = ssh;
        this.changed = changed;
        setPadding(false);
        enabled.setId("ssh-access");
        outcome.setId("ssh-outcome");
        error.setId("ssh-error");
        Paragraph note = new Paragraph(getTranslation("network.ssh.note"));
        note.setId("ssh-note");
        add(new H3(getTranslation("network.ssh.title")), note);
        SshState state = ssh.now();
        if (state.managed() && !state.installed()) {
            Paragraph missing = new Paragraph(getTranslation("network.ssh.not-installed"));
            missing.setId("ssh-not-installed");
            add(missing);
        }
        add(enabled, outcome, error);
        show(state);
        enabled.setReadOnly(!state.managed() || !state.installed());
        enabled.addValueChangeListener(e -> {
            if (e.isFromClient()) switchTo(e.getValue());
        });
    }

    private void switchTo(boolean on) {
        error.setText("");
        try {
            show(ssh.switchTo(on));
            Notification.show(getTranslation(on ? "network.ssh.switched-on" : "network.ssh.switched-off"))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            changed.run();
        } catch (NetworkChangeRefused x) {
            error.setText(x.getMessage());
            show(ssh.now());
        }
    }

    private void show(SshState s) {
        enabled.setValue(s.enabled());
        outcome.setText(outcomeText(s));
    }

    /** The root helper's answer in the admin's language; "waiting" until it answers the switch as it stands. */
    private String outcomeText(SshState s) {
        String o = s.outcome();
        String wanted = s.enabled() ? "applied on" : "applied off";
        if (o.equals(wanted)) return getTranslation(s.enabled() ? "network.ssh.on" : "network.ssh.off");
        if (o.startsWith("failed ")) return getTranslation("network.ssh.failed", o.substring("failed ".length()));
        if (o.startsWith("refused ")) return getTranslation("network.ssh.refused", o.substring("refused ".length()));
        if (o.equals("not-installed")) return getTranslation("network.ssh.not-installed");
        if (!s.managed() || (o.isEmpty() && !s.enabled())) return "";
        return getTranslation("network.ssh.waiting");
    }
}
