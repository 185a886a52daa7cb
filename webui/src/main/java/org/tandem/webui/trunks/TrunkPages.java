package org.tandem.webui.trunks;

import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.trunk.InboundRoutes;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;
import org.tandem.webui.frame.SearchHit;
import org.tandem.webui.frame.SiteSearch;
import org.tandem.webui.routing.DestinationChoices;

/** The pages of calls to and from providers: trunks, then the routes that use them. */
@Configuration(proxyBeanMethods = false)
class TrunkPages {

    @Bean
    AdminPage trunksPage() {
        return new AdminPage("Trunks", TrunksView.class, VaadinIcon.CONNECT, 26, MenuSection.TRUNKS);
    }

    @Bean
    AdminPage outboundRoutesPage() {
        return new AdminPage(
                "Outbound routes", OutboundRoutesView.class, VaadinIcon.SIGN_OUT_ALT, 27, MenuSection.TRUNKS);
    }

    @Bean
    AdminPage inboundRoutesPage() {
        return new AdminPage("Inbound routes", InboundRoutesView.class, VaadinIcon.SIGN_IN_ALT, 28, MenuSection.TRUNKS);
    }

    /** Numbers from providers (DIDs) by their digits, and trunks by name or host. */
    @Bean
    SiteSearch trunkSearch(InboundRoutes inbound, TrunkDirectory trunks, DestinationChoices choices) {
        return (term, limit) -> {
            List<SearchHit> hits = new ArrayList<>();
            String digits = term.replaceAll("[^0-9]", "");
            inbound.list().stream()
                    .filter(r -> (!digits.isEmpty() && r.did().contains(digits))
                            || r.did().contains(term))
                    .limit(limit)
                    .forEach(r -> hits.add(SearchHit.of(
                            TrunksView.text("trunks.search.did", r.did(), choices.label(r.destination())),
                            InboundRoutesView.class,
                            "inbound-routes")));
            trunks.list().stream()
                    .filter(t -> t.id().toLowerCase(Locale.ROOT).contains(term)
                            || t.host().toLowerCase(Locale.ROOT).contains(term))
                    .limit(limit)
                    .forEach(t -> hits.add(SearchHit.of(
                            TrunksView.text("trunks.search.trunk", t.id(), t.host()), TrunksView.class, "trunks")));
            return hits.size() > limit ? hits.subList(0, limit) : hits;
        };
    }
}
