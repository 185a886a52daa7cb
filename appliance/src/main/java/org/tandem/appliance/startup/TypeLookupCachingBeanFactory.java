package org.tandem.appliance.startup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.BeanDefinitionStoreException;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Spring's bean factory, keeping the answers to "which beans are of this type" through the start (issue 23, cold
 * start). Each answer not kept is a walk over all ~800 bean definitions (~2 ms on these machines), and Spring 6.2
 * keeps them poorly while singletons are being created:
 *
 * <ul>
 *   <li>it forgets every kept answer for a type the new singleton is an instance of, even when that answer already
 *       names the new bean (so the answer cannot change): here such an answer is kept, and only answers that do not
 *       name the bean yet are forgotten (the bean is now known to be of the type and must be added);</li>
 *   <li>it keeps no answer for a type with generics ({@code ObjectPostProcessor<Object>}, asked for by Spring
 *       Security for every filter it configures): here those are kept on the same terms, by their raw class.</li>
 * </ul>
 *
 * A singleton that is a {@link FactoryBean} makes every kept answer go (the type it makes may now be known), as do
 * all the changes after which Spring forgets all (a definition registered, removed or reset, a manual singleton,
 * an alias, a destroyed singleton, the metadata cache cleared). Nothing is kept before the configuration is frozen,
 * as in Spring. Answers are only kept when no singleton was added while they were worked out.
 */
public class TypeLookupCachingBeanFactory extends DefaultListableBeanFactory {

    private final Map<Class<?>, String[]> allByClass = new ConcurrentHashMap<>(256);
    private final Map<Class<?>, String[]> singletonsByClass = new ConcurrentHashMap<>(256);
    private final Map<ResolvableType, String[]> allByGenericType = new ConcurrentHashMap<>(64);
    private final Map<ResolvableType, String[]> singletonsByGenericType = new ConcurrentHashMap<>(64);
    /** Counts every change that can make an answer stale: an answer worked out across one is not kept. */
    private final AtomicLong changes = new AtomicLong();

    @Override
    public String[] getBeanNamesForType(Class<?> type, boolean includeNonSingletons, boolean allowEagerInit) {
        if (!cacheable(type, allowEagerInit)) {
            return super.getBeanNamesForType(type, includeNonSingletons, allowEagerInit);
        }
        return kept(
                includeNonSingletons ? allByClass : singletonsByClass,
                type,
                () -> super.getBeanNamesForType(type, includeNonSingletons, true));
    }

    @Override
    public String[] getBeanNamesForType(ResolvableType type, boolean includeNonSingletons, boolean allowEagerInit) {
        Class<?> raw = type.resolve();
        // without generics Spring asks the Class method above
        if (!type.hasGenerics() || type.hasUnresolvableGenerics() || !cacheable(raw, allowEagerInit)) {
            return super.getBeanNamesForType(type, includeNonSingletons, allowEagerInit);
        }
        return kept(
                includeNonSingletons ? allByGenericType : singletonsByGenericType,
                type,
                () -> super.getBeanNamesForType(type, includeNonSingletons, true));
    }

    /** The kept answer for {@code type}, else the walk's, kept when no singleton was added meanwhile. */
    private <K> String[] kept(Map<K, String[]> answers, K type, Supplier<String[]> walk) {
        String[] names = answers.get(type);
        if (names != null) return names;
        long before = changes.get();
        names = walk.get();
        if (changes.get() == before) answers.put(type, names);
        return names;
    }

    private boolean cacheable(Class<?> type, boolean allowEagerInit) {
        return type != null
                && allowEagerInit
                && isConfigurationFrozen()
                && ClassUtils.isCacheSafe(type, getBeanClassLoader());
    }

    @Override
    protected void addSingleton(String beanName, Object singletonObject) {
        super.addSingleton(beanName, singletonObject);
        changes.incrementAndGet();
        if (singletonObject instanceof FactoryBean<?>) {
            forgetAll();
            return;
        }
        forgetUnnamed(allByClass, Function.identity(), beanName, singletonObject);
        forgetUnnamed(singletonsByClass, Function.identity(), beanName, singletonObject);
        forgetUnnamed(allByGenericType, ResolvableType::resolve, beanName, singletonObject);
        forgetUnnamed(singletonsByGenericType, ResolvableType::resolve, beanName, singletonObject);
    }

    /** Forgets the answers for types {@code singleton} is an instance of that do not name it yet. */
    private static <K> void forgetUnnamed(
            Map<K, String[]> answers, Function<K, Class<?>> rawClass, String beanName, Object singleton) {
        answers.entrySet().removeIf(answer -> {
            Class<?> type = rawClass.apply(answer.getKey());
            return type != Object.class && type.isInstance(singleton) && !names(answer.getValue(), beanName);
        });
    }

    private static boolean names(String[] names, String beanName) {
        for (String n : names) {
            if (n.equals(beanName)
                    || n.length() == beanName.length() + 1
                            && n.charAt(0) == FACTORY_BEAN_PREFIX.charAt(0)
                            && n.endsWith(beanName)) {
                return true;
            }
        }
        return false;
    }

    private void forgetAll() {
        changes.incrementAndGet();
        allByClass.clear();
        singletonsByClass.clear();
        allByGenericType.clear();
        singletonsByGenericType.clear();
    }

    @Override
    public void registerBeanDefinition(String beanName, BeanDefinition beanDefinition)
            throws BeanDefinitionStoreException {
        super.registerBeanDefinition(beanName, beanDefinition);
        forgetAll();
    }

    @Override
    public void removeBeanDefinition(String beanName) throws NoSuchBeanDefinitionException {
        super.removeBeanDefinition(beanName);
        forgetAll();
    }

    @Override
    protected void resetBeanDefinition(String beanName) {
        super.resetBeanDefinition(beanName);
        forgetAll();
    }

    @Override
    public void registerSingleton(String beanName, Object singletonObject) {
        super.registerSingleton(beanName, singletonObject);
        forgetAll();
    }

    @Override
    public void registerAlias(String name, String alias) {
        super.registerAlias(name, alias);
        forgetAll();
    }

    @Override
    public void removeAlias(String alias) {
        super.removeAlias(alias);
        forgetAll();
    }

    @Override
    public void destroySingleton(String beanName) {
        super.destroySingleton(beanName);
        forgetAll();
    }

    @Override
    public void destroySingletons() {
        super.destroySingletons();
        forgetAll();
    }

    @Override
    public void clearMetadataCache() {
        super.clearMetadataCache();
        forgetAll();
    }
}
