package org.tandem.appliance.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.ResolvableType;

/**
 * The caching factory answers every by-type look-up as Spring's own factory does, at every step of creating the
 * singletons (types only known once a bean exists, factory beans, generic types), and keeps answers Spring drops.
 */
class TypeLookupCachingBeanFactoryTest {

    interface Greeter {}

    interface Extra {}

    interface Handler<T> {}

    interface Widget {}

    static class Hello implements Greeter, Extra {}

    static class Plain implements Greeter {}

    static class StringHandler implements Handler<String> {}

    static class IntHandler implements Handler<Integer> {}

    static class WidgetFactory implements FactoryBean<Widget> {
        @Override
        public Widget getObject() {
            return new Widget() {};
        }

        @Override
        public Class<?> getObjectType() {
            return Widget.class;
        }
    }

    /** Factory methods whose declared types say less than what they make. */
    static class Makers {
        static Greeter greeter() {
            return new Hello();
        }

        static Object handler() {
            return new StringHandler();
        }
    }

    static class Prototype implements Extra {}

    private static final List<Class<?>> CLASSES = List.of(
            Object.class,
            Greeter.class,
            Extra.class,
            Handler.class,
            Widget.class,
            WidgetFactory.class,
            Hello.class,
            StringHandler.class);
    private static final List<ResolvableType> GENERIC_TYPES = List.of(
            ResolvableType.forClassWithGenerics(Handler.class, String.class),
            ResolvableType.forClassWithGenerics(Handler.class, Integer.class),
            ResolvableType.forClassWithGenerics(Handler.class, Object.class));
    private static final List<String> SINGLETONS =
            List.of("plain", "made", "stringHandler", "widget", "intHandler", "madeHandler");

    private static void define(DefaultListableBeanFactory f) {
        f.registerBeanDefinition("plain", new RootBeanDefinition(Plain.class));
        f.registerBeanDefinition(
                "made",
                BeanDefinitionBuilder.genericBeanDefinition(Makers.class)
                        .setFactoryMethod("greeter")
                        .getBeanDefinition());
        f.registerBeanDefinition("stringHandler", new RootBeanDefinition(StringHandler.class));
        f.registerBeanDefinition("intHandler", new RootBeanDefinition(IntHandler.class));
        f.registerBeanDefinition(
                "madeHandler",
                BeanDefinitionBuilder.genericBeanDefinition(Makers.class)
                        .setFactoryMethod("handler")
                        .getBeanDefinition());
        f.registerBeanDefinition("widget", new RootBeanDefinition(WidgetFactory.class));
        RootBeanDefinition prototype = new RootBeanDefinition(Prototype.class);
        prototype.setScope(RootBeanDefinition.SCOPE_PROTOTYPE);
        f.registerBeanDefinition("prototype", prototype);
        f.registerAlias("plain", "plainAlias");
    }

    /** Every look-up, in a fixed order, through both methods and with and without the non-singletons. */
    private static List<String> answers(DefaultListableBeanFactory f) {
        List<String> out = new ArrayList<>();
        for (boolean nonSingletons : new boolean[] {true, false}) {
            for (Class<?> c : CLASSES) {
                out.add(c.getSimpleName() + "/" + nonSingletons + " "
                        + List.of(f.getBeanNamesForType(c, nonSingletons, true)));
            }
            for (ResolvableType t : GENERIC_TYPES) {
                out.add(t + "/" + nonSingletons + " " + List.of(f.getBeanNamesForType(t, nonSingletons, true)));
            }
        }
        return out;
    }

    private static void bothAnswerAlike(Consumer<DefaultListableBeanFactory> change) {
        DefaultListableBeanFactory spring = new DefaultListableBeanFactory();
        TypeLookupCachingBeanFactory caching = new TypeLookupCachingBeanFactory();
        for (DefaultListableBeanFactory f : List.of(spring, caching)) {
            define(f);
            f.freezeConfiguration();
        }
        assertThat(answers(caching)).isEqualTo(answers(spring));
        for (String name : SINGLETONS) {
            spring.getBean(name);
            caching.getBean(name);
            assertThat(answers(caching)).as("after creating " + name).isEqualTo(answers(spring));
        }
        change.accept(spring);
        change.accept(caching);
        assertThat(answers(caching)).as("after the change").isEqualTo(answers(spring));
    }

    @Test
    void answersAsSpringDoesWhileSingletonsAreCreated() {
        bothAnswerAlike(f -> f.getBean("prototype"));
    }

    @Test
    void answersAsSpringDoesAfterADefinitionIsAddedOrRemoved() {
        bothAnswerAlike(f -> f.registerBeanDefinition("later", new RootBeanDefinition(Hello.class)));
        bothAnswerAlike(f -> f.removeBeanDefinition("stringHandler"));
    }

    @Test
    void answersAsSpringDoesAfterAManualSingletonOrAnAliasOrADestroyedSingleton() {
        bothAnswerAlike(f -> f.registerSingleton("manual", new StringHandler()));
        bothAnswerAlike(f -> f.registerAlias("made", "madeAlias"));
        bothAnswerAlike(f -> f.destroySingleton("made"));
    }

    @Test
    void keepsAnAnswerThatAlreadyNamesTheNewSingletonAndAGenericTypesAnswer() {
        TypeLookupCachingBeanFactory f = new TypeLookupCachingBeanFactory();
        define(f);
        f.freezeConfiguration();
        String[] greeters = f.getBeanNamesForType(Greeter.class, true, true);
        ResolvableType stringHandlers = ResolvableType.forClassWithGenerics(Handler.class, String.class);
        String[] handlers = f.getBeanNamesForType(stringHandlers, true, true);
        assertThat(greeters).containsExactly("plain", "made");
        assertThat(handlers).containsExactly("stringHandler");

        f.getBean("plain"); // a Greeter that the answer already names
        assertThat(f.getBeanNamesForType(Greeter.class, true, true)).isSameAs(greeters);
        assertThat(f.getBeanNamesForType(stringHandlers, true, true)).isSameAs(handlers);

        f.getBean("madeHandler"); // declared as Object: only now known to be a Handler<String>
        assertThat(f.getBeanNamesForType(stringHandlers, true, true)).containsExactly("stringHandler", "madeHandler");
    }

    @Test
    void keepsNothingBeforeTheConfigurationIsFrozen() {
        TypeLookupCachingBeanFactory f = new TypeLookupCachingBeanFactory();
        define(f);
        String[] first = f.getBeanNamesForType(Greeter.class, true, true);
        assertThat(f.getBeanNamesForType(Greeter.class, true, true))
                .isNotSameAs(first)
                .isEqualTo(first);
    }
}
