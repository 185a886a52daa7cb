package org.tandem.webui.phones;

import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;
import org.tandem.webui.frame.SearchHit;
import org.tandem.webui.frame.SiteSearch;

@Configuration(proxyBeanMethods = false)
class PhonePages {

    @Bean
    AdminPage phonesPage() {
        return new AdminPage("Phones", PhonesView.class, VaadinIcon.PHONE_LANDLINE, 25, MenuSection.USERS_AND_PHONES);
    }

    /** Phones by MAC (typed with or without separators), model or description: the phone's own page. */
    @Bean
    SiteSearch phoneSearch(DeviceDirectory devices) {
        return (term, limit) -> {
            String hex = term.replaceAll("[^0-9a-f]", "");
            boolean macLike = hex.length() >= 4 && term.matches("[0-9a-f:.-]+");
            return devices.list().stream()
                    .filter(d -> (macLike
                                    && d.mac()
                                            .toLowerCase(Locale.ROOT)
                                            .replaceAll("[^0-9a-f]", "")
                                            .contains(hex))
                            || (d.model() != null
                                    && d.model().toLowerCase(Locale.ROOT).contains(term))
                            || (d.description() != null
                                    && d.description().toLowerCase(Locale.ROOT).contains(term)))
                    .limit(limit)
                    .map(d -> SearchHit.of(
                            PhoneFacts.text(
                                    "phones.search-hit",
                                    d.mac() + " · " + d.vendor() + " "
                                            + (d.model() == null ? "" : d.model())
                                            + (d.description() == null
                                                            || d.description().isBlank()
                                                    ? ""
                                                    : " (" + d.description() + ")")),
                            PhoneView.class,
                            "phone/" + d.mac()))
                    .toList();
        };
    }
}
