package org.tandem.webui.queue;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;
import org.tandem.webui.frame.SearchHit;
import org.tandem.webui.frame.SiteSearch;

/** The queue page, in the call-flow part of the menu after ring groups. */
@Configuration(proxyBeanMethods = false)
class QueuePages {

    @Bean
    AdminPage queuesPage() {
        return new AdminPage("Queues", QueuesView.class, VaadinIcon.HOURGLASS, 23, MenuSection.CALL_FLOW);
    }

    /** "700 · Support — queue", in the language of the UI searching (English outside one). */
    private static String searchHit(String queue) {
        UI ui = UI.getCurrent();
        return ui != null ? ui.getTranslation("queue.search-hit", queue) : queue + " — queue";
    }

    /** Queues by number or name. */
    @Bean
    SiteSearch queueSearch(CallQueues queues) {
        return (term, limit) -> queues.list().stream()
                .filter(q -> q.number().contains(term)
                        || q.name().toLowerCase(Locale.ROOT).contains(term))
                .limit(limit)
                .map(q -> SearchHit.of(searchHit(q.number() + " · " + q.name()), QueuesView.class, "queues"))
                .toList();
    }
}
