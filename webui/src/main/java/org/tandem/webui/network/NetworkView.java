package org.tandem.webui.network;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import jakarta.annotation.security.RolesAllowed;
import org.tandem.operations.network.Firewall;
import org.tandem.operations.network.NetworkChangeRefused;
import org.tandem.operations.network.NetworkSettings;
import org.tandem.operations.network.NetworkSetup;
import org.tandem.operations.network.NetworkState;
import org.tandem.operations.network.SshAccess;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.form.DraftForm;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/**
 * The appliance's network (issue 21): DHCP or a static address (prefix, gateway, DNS), host name and NTP servers,
 * with each rule's message under its field. A static address is rolled back after two minutes unless confirmed from a
 * browser on the new address, as routers do; the page says where to go. Where Tandem was not installed from its .deb
 * or ISO the operating system manages the network: the page shows the address in force and applies nothing.
 * Below: the SSH switch (off by default) and what the firewall opens (issue 21, items 4 and 9).
 */
@Route(value = "network", layout = MainLayout.class)
@PageName("Network")
@RolesAllowed(Roles.ADMIN)
public class NetworkView extends VerticalLayout implements TranslatedTitle {

    private static final ZonedFormat TIME = ZonedFormat.of("HH:mm:ss");

    private final NetworkSetup network;
    private final RadioButtonGroup<String> mode = new RadioButtonGroup<>(getTranslation("network.mode"));
    private final TextField address = new TextField(getTranslation("network.address"));
    private final IntegerField prefix = new IntegerField(getTranslation("network.prefix"));
    private final TextField gateway = new TextField(getTranslation("network.gateway"));
    private final TextField dns = new TextField(getTranslation("network.dns"));
    private final TextField hostname = new TextField(getTranslation("network.hostname"));
    private final TextField ntp = new TextField(getTranslation("network.ntp"));
    private final DraftForm<NetworkSettings> form = DraftForm.of(NetworkSettings.class, "network-form-error", null);
    private final Span current = new Span();
    private final Span pending = new Span();
    private final Span outcome = new Span();
    private final Button apply = new Button(getTranslation("network.apply"), e -> apply());
    private final Button confirm = new Button(getTranslation("network.confirm"), e -> confirm());

    public NetworkView(NetworkSetup network, SshAccess ssh, Firewall firewall) {
        this.network = network;
        mode.setId("network-mode");
        mode.setItems("dhcp", "static");
        mode.setItemLabelGenerator(m -> getTranslation("dhcp".equals(m) ? "network.mode.dhcp" : "network.mode.static"));
        mode.addValueChangeListener(e -> staticFields());
        address.setId("network-address");
        address.setHelperText(getTranslation("network.address.helper"));
        prefix.setId("network-prefix");
        prefix.setHelperText(getTranslation("network.prefix.helper"));
        gateway.setId("network-gateway");
        gateway.setHelperText(getTranslation("network.gateway.helper"));
        dns.setId("network-dns");
        dns.setHelperText(getTranslation("network.dns.helper"));
        hostname.setId("network-hostname");
        ntp.setId("network-ntp");
        ntp.setHelperText(getTranslation("network.ntp.helper"));
        form.bind("mode", mode)
                .bind("address", address)
                .bind("prefix", prefix)
                .bind("gateway", gateway)
                .bind("dnsServers", dns, DraftForm.list("[\\s,]+", " "))
                .bind("hostname", hostname)
                .bind("ntpServers", ntp, DraftForm.list("[\\s,]+", " "));
        current.setId("network-current");
        pending.setId("network-pending");
        outcome.setId("network-outcome");
        apply.setId("network-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setId("network-confirm");
        add(new H2(getTranslation("network.title")), current);
        NetworkState state = network.now();
        if (!state.managed()) {
            Paragraph os = new Paragraph(getTranslation("network.managed-by-os"));
            os.setId("network-managed-by-os");
            add(os);
        }
        FormLayout layout = new FormLayout(mode, address, prefix, gateway, dns, hostname, ntp);
        add(layout, form.errors().formError(), new HorizontalLayout(apply, confirm), pending, outcome);
        show(state);
        FirewallPanel openings = new FirewallPanel(firewall);
        add(new SshAccessPanel(ssh, openings::refresh), openings);
        form.readOnlyUnless(state.managed());
        apply.setEnabled(state.managed());
    }

    private void show(NetworkState s) {
        current.setText(
                s.interfaceName().isEmpty()
                        ? getTranslation("network.current", s.currentAddress())
                        : getTranslation("network.current-on", s.currentAddress(), s.interfaceName()));
        NetworkSettings n = s.settings();
        // the mode as the radio buttons offer it, whatever the stored settings spell
        form.read(new NetworkSettings(
                n.isStatic() ? "static" : "dhcp",
                n.address(),
                n.prefix(),
                n.gateway(),
                n.dnsServers(),
                n.hostname(),
                n.ntpServers()));
        boolean waiting = s.pendingAddress() != null;
        confirm.setVisible(waiting);
        pending.setText(
                waiting
                        ? getTranslation(
                                "network.pending",
                                s.pendingAddress(),
                                String.valueOf(port()),
                                TIME.format(s.confirmBefore()) + " " + ZonedFormat.zoneLabel())
                        : "");
        outcome.setText(s.outcome().isEmpty() ? "" : getTranslation("network.last-change", s.outcome()));
        staticFields();
    }

    private void staticFields() {
        boolean isStatic = "static".equals(mode.getValue());
        address.setEnabled(isStatic);
        prefix.setEnabled(isStatic);
        gateway.setEnabled(isStatic);
    }

    private void apply() {
        try {
            if (form.save(settings -> show(network.apply(settings)))) {
                Notification.show(getTranslation("network.applied")).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            }
        } catch (NetworkChangeRefused x) {
            form.errors().showForm(x.getMessage());
        }
    }

    private void confirm() {
        form.errors().clear();
        try {
            show(network.confirm(VaadinServletRequest.getCurrent().getLocalAddr()));
            Notification.show(getTranslation("network.kept")).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (NetworkChangeRefused x) {
            form.errors().showForm(x.getMessage());
        }
    }

    private static int port() {
        VaadinServletRequest r = VaadinServletRequest.getCurrent();
        return r == null ? 8080 : r.getLocalPort();
    }
}
