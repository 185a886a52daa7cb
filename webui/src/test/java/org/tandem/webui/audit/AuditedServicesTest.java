package org.tandem.webui.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * The audit proxy the web UI puts around a service without a transaction proxy of its own (the SIP path's
 * directories): its changing methods pass the audit advice, and it is frozen, so CGLIB sends the others (the reads
 * on a call's stripe) straight to the service.
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

    @Test
    void theProxyIsFrozenAndOnlyTheChangesPassTheAdvice() {
        AtomicInteger advised = new AtomicInteger();
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
        WebUiAuditing.AuditedServices processor =
                new WebUiAuditing.AuditedServices(new DefaultPointcutAdvisor(changes, audit));

        Directory proxy = (Directory) processor.postProcessAfterInitialization(new Directory(), "directory");

        assertThat(proxy).isInstanceOf(Advised.class);
        assertThat(((Advised) proxy).isFrozen()).isTrue();
        assertThat(proxy.find("201")).isEqualTo("user 201");
        assertThat(advised).as("a read passes no advice").hasValue(0);
        assertThat(proxy.update("201")).isEqualTo("updated 201");
        assertThat(advised).as("a change passes the audit").hasValue(1);
    }
}
