package org.tandem.webui.network;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.Locale;
import org.tandem.operations.network.Firewall;
import org.tandem.operations.network.FirewallState;

/**
 * What the firewall lets in (issue 21, item 9), read-only: the policy's state as the root helper reported it, and each
 * opening from the ports the appliance is configured with; SSH only while it is switched on.
 */
class FirewallPanel extends VerticalLayout {

    private final Firewall firewall;
    private final Paragraph policy = new Paragraph();
    private final UnorderedList openings = new UnorderedList();

    FirewallPanel(Firewall firewall) {
        this.firewall = firewall;
        setPadding(false);
        policy.setId("firewall-policy");
        openings.setId("firewall-openings");
        add(new H3(getTranslation("network.firewall.title")), policy, openings);
        refresh();
    }

    void refresh() {
        FirewallState state = firewall.now();
        policy.setText(getTranslation("network.firewall.policy." + state.policy()));
        openings.removeAll();
        for (FirewallState.Opening o : state.openings()) {
            ListItem item = new ListItem(getTranslation(
                    "network.firewall.opening",
                    getTranslation("network.firewall.service." + o.service()),
                    o.protocol().toUpperCase(Locale.ROOT),
                    o.ports()));
            item.setId("firewall-" + o.service() + "-" + o.protocol());
            openings.add(item);
        }
    }
}
