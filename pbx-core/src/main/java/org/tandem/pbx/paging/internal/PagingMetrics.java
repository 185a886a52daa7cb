package org.tandem.pbx.paging.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Pages for the metrics endpoint, labelled {@code group} (the paging group's number), counted since the start:
 * pages started ({@code tandem_paging_pages_total{kind="unicast"|"multicast"}}: the caller was answered), members
 * reached ({@code tandem_paging_members_reached_total}: at least one of the member's phones answered the page) and
 * members skipped when the page was set up ({@code tandem_paging_members_skipped_total{reason="busy"|"dnd"|
 * "unregistered"}}: in a call, on do-not-disturb, or with no phone to call). A multicast page calls no phone, so it
 * reaches and skips nobody here: who listens is not known to Tandem. Nothing is counted before the registry binds.
 */
@Component
public class PagingMetrics implements MeterBinder {

    /** Why a member was not called. */
    enum Skipped {
        BUSY,
        DND,
        UNREGISTERED
    }

    private volatile MeterRegistry registry;

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
    }

    void pageStarted(String group, boolean multicast) {
        MeterRegistry r = registry;
        if (r != null)
            r.counter("tandem.paging.pages", "group", group, "kind", multicast ? "multicast" : "unicast")
                    .increment();
    }

    void memberReached(String group) {
        MeterRegistry r = registry;
        if (r != null)
            r.counter("tandem.paging.members.reached", "group", group).increment();
    }

    void memberSkipped(String group, Skipped reason) {
        MeterRegistry r = registry;
        if (r != null) {
            r.counter(
                            "tandem.paging.members.skipped",
                            "group",
                            group,
                            "reason",
                            reason.name().toLowerCase(Locale.ROOT))
                    .increment();
        }
    }
}
