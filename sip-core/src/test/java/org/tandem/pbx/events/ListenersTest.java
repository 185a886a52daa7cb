package org.tandem.pbx.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.tandem.pbx.registrar.Registered;
import org.tandem.pbx.registrar.RegistrationEvents;
import org.tandem.pbx.registrar.RegistrationListener;

/**
 * A typed event port ({@link RegistrationEvents} over {@link Listeners}) in a Spring context, wired as the registrar's
 * is: its listener beans hear each event in their order, are found once at start, may need the port themselves, and a
 * listener that throws ends that event's delivery and reaches the raiser, as Spring's multicast did before.
 */
class ListenersTest {

    /** What the listeners heard, in order; static for the beans of the nested configurations. */
    private static final List<String> heard = new CopyOnWriteArrayList<>();

    /** A listener bean that notes what it heard, and fails when told to. */
    private static final class Probe implements RegistrationListener {
        private final String name;
        private final int order;
        private final boolean fails;

        Probe(String name, int order, boolean fails) {
            this.name = name;
            this.order = order;
            this.fails = fails;
        }

        @Override
        public void on(Registered e) {
            heard.add(name + ":" + e.extension());
            if (fails) throw new IllegalStateException(name + " failed");
        }

        @Override
        public int order() {
            return order;
        }
    }

    /**
     * The port as the registrar's configuration makes it. (No {@code @Configuration}: the integration tests' component
     * scan of {@code org.tandem.pbx} would take it into every test PBX.)
     */
    static class Port {
        @Bean
        RegistrationEvents registrationEvents(ObjectProvider<RegistrationListener> listeners) {
            return new RegistrationEvents(Listeners.of(listeners, RegistrationListener::order));
        }
    }

    /** A listener that needs the port (as the proxy's dialogs raise call events while hearing them): no cycle. */
    static class Relay {
        @Bean
        RegistrationListener relay(RegistrationEvents port) {
            return new RegistrationListener() {
                @Override
                public void on(Registered e) {
                    heard.add("relay:" + e.extension());
                    if (e.extension().equals("201")) port.publish(new Registered("301"));
                }

                @Override
                public int order() {
                    return ListenerOrder.STATE;
                }
            };
        }
    }

    private static ApplicationContextRunner context() {
        heard.clear();
        return new ApplicationContextRunner().withUserConfiguration(Port.class);
    }

    @Test
    void everyListenerHearsEachEventInItsOrderAndEqualOrdersAsTheBeansWereDefined() {
        context()
                .withBean("later", RegistrationListener.class, () -> new Probe("later", ListenerOrder.NOTIFY, false))
                .withBean(
                        "records", RegistrationListener.class, () -> new Probe("records", ListenerOrder.RECORDS, false))
                .withBean("last", RegistrationListener.class, () -> new Probe("last", ListenerOrder.NOTIFY, false))
                .withBean("state", RegistrationListener.class, () -> new Probe("state", ListenerOrder.STATE, false))
                .run(ctx -> {
                    RegistrationEvents port = ctx.getBean(RegistrationEvents.class);
                    port.publish(new Registered("201"));
                    port.publish(new Registered("202"));
                    assertThat(heard)
                            .containsExactly(
                                    "state:201",
                                    "records:201",
                                    "later:201",
                                    "last:201",
                                    "state:202",
                                    "records:202",
                                    "later:202",
                                    "last:202");
                });
    }

    @Test
    void aListenerMayRaiseThroughThePortItHearsAndTheInnerEventIsDeliveredFirst() {
        context()
                .withUserConfiguration(Relay.class)
                .withBean("lamp", RegistrationListener.class, () -> new Probe("lamp", ListenerOrder.NOTIFY, false))
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    ctx.getBean(RegistrationEvents.class).publish(new Registered("201"));
                    assertThat(heard).containsExactly("relay:201", "relay:301", "lamp:301", "lamp:201");
                });
    }

    @Test
    void aListenerThatThrowsEndsThatEventsDeliveryAndTheRaiserGetsTheException() {
        context()
                .withBean("state", RegistrationListener.class, () -> new Probe("state", ListenerOrder.STATE, false))
                .withBean(
                        "records", RegistrationListener.class, () -> new Probe("records", ListenerOrder.RECORDS, true))
                .withBean("lamp", RegistrationListener.class, () -> new Probe("lamp", ListenerOrder.NOTIFY, false))
                .run(ctx -> {
                    RegistrationEvents port = ctx.getBean(RegistrationEvents.class);
                    assertThatThrownBy(() -> port.publish(new Registered("201")))
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessage("records failed");
                    assertThat(heard)
                            .as("the lamp after the failed listener heard nothing")
                            .containsExactly("state:201", "records:201");
                    heard.clear();
                    assertThatThrownBy(() -> port.publish(new Registered("202")))
                            .hasMessage("records failed");
                    assertThat(heard)
                            .as("the next event is delivered from the first listener again")
                            .containsExactly("state:202", "records:202");
                });
    }

    @Test
    void aProbeAddedAfterTheStartHearsTheEventsFromThenOnAfterTheBeans() {
        context()
                .withBean("lamp", RegistrationListener.class, () -> new Probe("lamp", ListenerOrder.NOTIFY, false))
                .run(ctx -> {
                    RegistrationEvents port = ctx.getBean(RegistrationEvents.class);
                    port.publish(new Registered("201"));
                    port.listen(e -> heard.add("probe:" + e.extension()));
                    port.publish(new Registered("202"));
                    assertThat(heard).containsExactly("lamp:201", "lamp:202", "probe:202");
                });
    }

    @Test
    void aFixedListIsSortedByOrderAndEqualOnesKeepTheirPlace() {
        Probe a = new Probe("a", ListenerOrder.NOTIFY, false);
        Probe b = new Probe("b", ListenerOrder.STATE, false);
        Probe c = new Probe("c", ListenerOrder.NOTIFY, false);
        assertThat(Listeners.of(List.<RegistrationListener>of(a, b, c), RegistrationListener::order)
                        .all())
                .containsExactly(b, a, c);
    }

    // What the ports replace: Spring's multicast (no error handler is set in Tandem) also stopped at a failing
    // listener and threw to the publisher. Kept here as the reference the ports are held to.

    record Ping(String what) {}

    static class SpringListeners {
        @EventListener
        @Order(1)
        void first(Ping p) {
            heard.add("first:" + p.what());
            throw new IllegalStateException("first failed");
        }

        @EventListener
        @Order(2)
        void second(Ping p) {
            heard.add("second:" + p.what());
        }
    }

    @Test
    void springsMulticastStoppedAtAFailingListenerAndThrewToThePublisherToo() {
        context().withBean(SpringListeners.class).run(ctx -> {
            ApplicationEventPublisher publisher = ctx;
            assertThatThrownBy(() -> publisher.publishEvent(new Ping("x"))).hasMessage("first failed");
            assertThat(heard).containsExactly("first:x");
        });
    }
}
