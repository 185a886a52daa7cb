package org.tandem.webui.audit;

import com.vaadin.flow.server.VaadinSession;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.ClassFilter;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.tandem.pbx.audit.AuditChannel;
import org.tandem.pbx.audit.AuditLog;

/**
 * The web UI's audit hook: wraps the public changing methods ({@link ServiceCallWording#changes}) of the services
 * the views call, and records a call that returned normally and changed something. Only calls made inside a Vaadin
 * request by a logged-in person are recorded (the REST API records its own calls, SIP threads never pass here
 * with a Vaadin session), and only the outermost one (a service that calls another is one change). The proxy is
 * the outermost advice, so a {@code @Transactional} service has committed before the entry is written; the write
 * itself is queued ({@link AuditLog#record}), so a failure to record never breaks or slows the change.
 */
final class AuditedServiceCalls implements MethodInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuditedServiceCalls.class);
    private static final ThreadLocal<Boolean> INSIDE = new ThreadLocal<>();

    private final List<Class<?>> services;
    /** Looked up at the first audited call: the post-processor that makes this must not create the audit log early. */
    private final ObjectProvider<AuditLog> audit;

    /** The context's strategy (Vaadin-aware), also looked up late; Spring Security's static one without it. */
    private final ObjectProvider<SecurityContextHolderStrategy> securityContexts;

    AuditedServiceCalls(
            List<Class<?>> services,
            ObjectProvider<AuditLog> audit,
            ObjectProvider<SecurityContextHolderStrategy> securityContexts) {
        this.services = services;
        this.audit = audit;
        this.securityContexts = securityContexts;
    }

    DefaultPointcutAdvisor advisor() {
        StaticMethodMatcherPointcut pointcut = new StaticMethodMatcherPointcut() {
            @Override
            public boolean matches(Method method, Class<?> targetClass) {
                return Modifier.isPublic(method.getModifiers())
                        && !Modifier.isStatic(method.getModifiers())
                        && ServiceCallWording.changes(method.getName());
            }
        };
        pointcut.setClassFilter(audited());
        return new DefaultPointcutAdvisor(pointcut, this);
    }

    /** Beans of an audited type; final classes cannot be proxied and are left alone. */
    ClassFilter audited() {
        return c -> !Modifier.isFinal(c.getModifiers()) && serviceOf(c) != null;
    }

    private Class<?> serviceOf(Class<?> c) {
        for (Class<?> s : services) {
            if (s.isAssignableFrom(c)) return s;
        }
        return null;
    }

    @Override
    public Object invoke(MethodInvocation call) throws Throwable {
        if (INSIDE.get() != null || VaadinSession.getCurrent() == null) return call.proceed();
        Authentication login = securityContexts
                .getIfAvailable(SecurityContextHolder::getContextHolderStrategy)
                .getContext()
                .getAuthentication();
        if (login == null || !login.isAuthenticated()) return call.proceed();
        Object result;
        INSIDE.set(Boolean.TRUE);
        try {
            result = call.proceed();
        } finally {
            INSIDE.remove();
        }
        if (result instanceof CompletableFuture<?> pending) {
            // written when the change is durable (the day/night switch runs on the routing writer)
            pending.whenComplete((done, error) -> {
                if (error == null) record(login.getName(), call, done);
            });
        } else {
            record(login.getName(), call, result);
        }
        return result;
    }

    private void record(String who, MethodInvocation call, Object result) {
        try {
            Object target = call.getThis();
            Class<?> service =
                    serviceOf(target == null ? call.getMethod().getDeclaringClass() : AopUtils.getTargetClass(target));
            if (service == null) service = call.getMethod().getDeclaringClass();
            var wording = ServiceCallWording.describe(service, call.getMethod(), call.getArguments(), result);
            AuditLog auditLog = audit.getIfAvailable();
            if (wording.isPresent() && auditLog != null) {
                auditLog.record(
                        who,
                        AuditChannel.WEB_UI,
                        wording.get().words(),
                        wording.get().target());
            }
        } catch (RuntimeException e) {
            log.warn("Audit log: {} by {} not recorded: {}", call.getMethod().getName(), who, e.toString());
        }
    }
}
