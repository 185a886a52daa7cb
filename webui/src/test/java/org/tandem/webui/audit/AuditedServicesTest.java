package org.tandem.webui.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * The audit proxy the web UI puts around a service without a transaction proxy of its own (the SIP path's
 * directories): its changing methods pass the audit advice, and it is frozen, so CGLIB sends the others (the reads
 * on a call's stripe) straight to the service. Its class has no callback per method: such a callback is found by
 * the method's place in {@code Class.getMethods()}, which is not the same in the JVM that generated the class at
 * build time (Spring AOT) as in the one that runs it, and a change then ran another method's chain, unaudited.
 */
class AuditedServicesTest {

    /** A service as the directories are: reads from memory, a change. */
    static class Directory {
        public String find(String extension) {
            return "user " + extension;
        }

        public String update(String extension) {
            return "updated " + extension;
        }
    }

    /** The same service with more methods. */
    static class BiggerDirectory extends Directory {
        public String findByName(String name) {
            return "user " + name;
        }

        public String findByMac(String mac) {
            return "phone " + mac;
        }

        public String updateName(String extension) {
            return "renamed " + extension;
        }

        public String deleteUser(String extension) {
            return "deleted " + extension;
        }
    }

    private static WebUiAuditing.AuditedServices processor(AtomicInteger advised) {
        StaticMethodMatcherPointcut changes = new StaticMethodMatcherPointcut() {
            @Override
            public boolean matches(Method method, Class<?> targetClass) {
                return method.getName().startsWith("update");
            }
        };
        changes.setClassFilter(Directory.class::isAssignableFrom);
        MethodInterceptor audit = call -> {
            advised.incrementAndGet();
            return call.proceed();
        };
        return new WebUiAuditing.AuditedServices(new DefaultPointcutAdvisor(changes, audit));
    }

    private static long callbacks(Class<?> proxyClass) {
        return Arrays.stream(proxyClass.getDeclaredFields())
                .filter(f -> f.getName().startsWith("CGLIB$CALLBACK_"))
                .count();
    }

    @Test
    void theProxyClassHasNoCallbackPerMethodSoNoMethodOrderMatters() {
        AtomicInteger advised = new AtomicInteger();
        WebUiAuditing.AuditedServices processor = processor(advised);
        // as Spring AOT makes the classes at build time, and as they are made at run time
        Class<?> small = processor.determineBeanType(Directory.class, "directory");
        Class<?> big = processor.determineBeanType(BiggerDirectory.class, "bigger");
        Object running = processor.postProcessAfterInitialization(new BiggerDirectory(), "bigger");

        assertThat(callbacks(small)).isPositive();
        assertThat(callbacks(big)).as("callbacks with four more methods").isEqualTo(callbacks(small));
        assertThat(callbacks(running.getClass())).isEqualTo(callbacks(small));
        BiggerDirectory proxy = (BiggerDirectory) running;
        assertThat(proxy.findByMac("0004f2aabbcc")).isEqualTo("phone 0004f2aabbcc");
        assertThat(proxy.deleteUser("201")).isEqualTo("deleted 201");
        assertThat(advised)
                .as("reads and a method the pointcut leaves pass no advice")
                .hasValue(0);
        assertThat(proxy.updateName("201")).isEqualTo("renamed 201");
        assertThat(proxy.update("202")).isEqualTo("updated 202");
        assertThat(advised).as("both changes pass the audit").hasValue(2);
    }

    @Test
    void theProxyIsFrozenAndOnlyTheChangesPassTheAdvice() {
        AtomicInteger advised = new AtomicInteger();
        WebUiAuditing.AuditedServices processor = processor(advised);

        Directory proxy = (Directory) processor.postProcessAfterInitialization(new Directory(), "directory");

        assertThat(proxy).isInstanceOf(Advised.class);
        assertThat(((Advised) proxy).isFrozen()).isTrue();
        assertThat(proxy.find("201")).isEqualTo("user 201");
        assertThat(advised).as("a read passes no advice").hasValue(0);
        assertThat(proxy.update("201")).isEqualTo("updated 201");
        assertThat(advised).as("a change passes the audit").hasValue(1);
    }
}
