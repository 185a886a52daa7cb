package org.tandem.pbx.routing.internal;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.tandem.pbx.routing.CallScreen;

/** The {@link CallScreen} beans, looked up once (on the first call, when every bean exists). */
final class ScreensOf implements Supplier<List<CallScreen>> {

    /** The screens reach calls through the router that asks them (a cycle), hence looked up at the first call. */
    private final ObjectProvider<CallScreen> provider;

    private volatile List<CallScreen> screens;

    ScreensOf(ObjectProvider<CallScreen> provider) {
        this.provider = provider;
    }

    @Override
    public List<CallScreen> get() {
        List<CallScreen> all = screens;
        if (all == null)
            screens = all =
                    provider == null ? List.of() : provider.orderedStream().toList();
        return all;
    }
}
