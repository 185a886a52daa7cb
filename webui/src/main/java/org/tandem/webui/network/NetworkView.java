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
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.List;
import org.tandem.pbx.network.NetworkChangeRefused;
import org.tandem.pbx.network.NetworkSettings;
import org.tandem.pbx.network.NetworkSetup;
import org.tandem.pbx.network.NetworkState;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.form.FieldErrors;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.security.Roles;

/**
 * The appliance's network (issue 21): DHCP or a static address (prefix, gateway, DNS), host name and NTP servers,
 * with each rule's message under its field. A static address is rolled back after two minutes unless confirmed from a
 * browser on the new address, as routers do; the page says where to go. Where Tandem was not installed from its .deb
 * or ISO the operating system manages the network: the page shows the address in force and applies nothing.
 */
@Route(value = "network", layout = MainLayout.class)
@PageTitle("Network · Tandem")
@RolesAllowed(Roles.ADMIN)
public class NetworkView extends VerticalLayout {

    private static final ZonedFormat TIME = ZonedFormat.of("HH:mm:ss");

    private final NetworkSetup network;
    private final RadioButtonGroup<String> mode = new RadioButtonGroup<>("Address");
    private final TextField address = new TextField("IPv4 address");
    private final IntegerField prefix = new IntegerField("Prefix length");
    private final TextField gateway = new TextField("Gateway (router)");
    private final TextField dns = new TextField("DNS servers");
    private final TextField hostname = new TextField("Host name");
    private final TextField ntp = new TextField("Time servers (NTP)");
    private final FieldErrors errors = new FieldErrors("network-form-error");
    private final Span current = new Span();
    private final Span pending = new Span();
    private final Span outcome = new Span();
    private final Button apply = new Button("Apply", e -> apply());
    private final Button confirm = new Button("Keep these settings", e -> confirm());

    public NetworkView(NetworkSetup network) {
        this.network = network;
        mode.setId("network-mode");
        mode.setItems("dhcp", "static");
        mode.setItemLabelGenerator(m -> "dhcp".equals(m) ? "From the network's DHCP server" : "Static (enter it below)");
        mode.addValueChangeListener(e -> staticFields());
        address.setId("network-address");
        address.setHelperText("e.g. 192.168.1.20");
        prefix.setId("network-prefix");
        prefix.setHelperText("24 for the netmask 255.255.255.0");
        gateway.setId("network-gateway");
        gateway.setHelperText("The router on this network, e.g. 192.168.1.1");
        dns.setId("network-dns");
        dns.setHelperText("Up to 3 addresses, separated by spaces; with DHCP, empty uses the DHCP server's");
        hostname.setId("network-hostname");
        ntp.setId("network-ntp");
        ntp.setHelperText("Up to 4, separated by spaces; empty: Debian's pool servers");
        errors.bind("mode", mode).bind("address", address).bind("prefix", prefix).bind("gateway", gateway)
                .bind("dnsServers", dns).bind("hostname", hostname).bind("ntpServers", ntp);
        current.setId("network-current");
        pending.setId("network-pending");
        outcome.setId("network-outcome");
        apply.setId("network-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setId("network-confirm");
        add(new H2("Network"), current);
        NetworkState state = network.now();
        if (!state.managed()) {
            Paragraph os = new Paragraph("The network of this machine is managed by its operating system: Tandem was"
                    + " not installed from its .deb or ISO here (a development or test run). Change the address,"
                    + " DNS and time servers with the system's own tools; Tandem follows the address by itself.");
            os.setId("network-managed-by-os");
            add(os);
        }
        FormLayout form = new FormLayout(mode, address, prefix, gateway, dns, hostname, ntp);
        add(form, errors.formError(), new HorizontalLayout(apply, confirm), pending, outcome);
        show(state);
        if (!state.managed()) {
            form.getChildren().forEach(c -> ((com.vaadin.flow.component.HasValue<?, ?>) c).setReadOnly(true));
            apply.setEnabled(false);
        }
    }

    private void show(NetworkState s) {
        current.setText("In use now: " + s.currentAddress()
                + (s.interfaceName().isEmpty() ? "" : " on " + s.interfaceName())
                + " — phones, SIP and provisioning are given this address");
        NetworkSettings n = s.settings();
        mode.setValue(n.isStatic() ? "static" : "dhcp");
        address.setValue(n.address());
        prefix.setValue(n.prefix());
        gateway.setValue(n.gateway());
        dns.setValue(String.join(" ", n.dnsServers()));
        hostname.setValue(n.hostname());
        ntp.setValue(String.join(" ", n.ntpServers()));
        boolean waiting = s.pendingAddress() != null;
        confirm.setVisible(waiting);
        pending.setText(waiting ? "Open http://" + s.pendingAddress() + ":" + port() + "/network and press \"Keep these"
                + " settings\" before " + TIME.format(s.confirmBefore()) + " " + ZonedFormat.zoneLabel()
                + "; otherwise the previous settings come back by themselves." : "");
        outcome.setText(s.outcome().isEmpty() ? "" : "Last change: " + s.outcome());
        staticFields();
    }

    private void staticFields() {
        boolean isStatic = "static".equals(mode.getValue());
        address.setEnabled(isStatic);
        prefix.setEnabled(isStatic);
        gateway.setEnabled(isStatic);
    }

    private void apply() {
        errors.clear();
        try {
            show(network.apply(new NetworkSettings(mode.getValue(), address.getValue(), prefix.getValue(),
                    gateway.getValue(), words(dns.getValue()), hostname.getValue(), words(ntp.getValue()))));
            Notification.show("Network settings handed to the system").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidInputException x) {
            errors.show(x);
        } catch (NetworkChangeRefused x) {
            errors.formError().setText(x.getMessage());
        }
    }

    private void confirm() {
        errors.clear();
        try {
            show(network.confirm(VaadinServletRequest.getCurrent().getLocalAddr()));
            Notification.show("The new settings stay").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (NetworkChangeRefused x) {
            errors.formError().setText(x.getMessage());
        }
    }

    private static int port() {
        VaadinServletRequest r = VaadinServletRequest.getCurrent();
        return r == null ? 8080 : r.getLocalPort();
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.strip().split("[\\s,]+"));
    }
}
