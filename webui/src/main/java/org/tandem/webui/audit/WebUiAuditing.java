package org.tandem.webui.audit;

import java.util.List;
import org.springframework.aop.Advisor;
import org.springframework.aop.TargetSource;
import org.springframework.aop.framework.AbstractAdvisingBeanPostProcessor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.tandem.pbx.audit.AuditLog;
import org.tandem.pbx.blocklist.Blocklist;
import org.tandem.pbx.conference.ConferenceRooms;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserImport;
import org.tandem.pbx.directory.WebPasswords;
import org.tandem.pbx.ivr.IvrMenus;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.recording.CallRecordings;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.security.AccountLockouts;
import org.tandem.pbx.security.AllowList;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.timecondition.TimeConditions;
import org.tandem.pbx.trunk.InboundRoutes;
import org.tandem.pbx.trunk.OutboundRoutes;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.voicemail.VoicemailBoxes;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.provisioning.firstcontact.FirstContacts;
import org.tandem.provisioning.resync.PhoneResync;
import org.tandem.webui.AdminCredentials;
import org.tandem.webui.certificate.CertificateAdmin;
import org.tandem.webui.tokens.ApiTokenAdmin;

/**
 * Records the changes admins make in the web UI (issue 17) at the services the views call, not in each view: a
 * proxy around each service below (Spring AOP, as {@code @Async} and {@code @Validated} do it), outermost, so it
 * sees a change once its transaction has committed. A service a new page changes things through belongs here.
 */
@Configuration(proxyBeanMethods = false)
class WebUiAuditing {

    /** The services whose changes the web UI makes. */
    static final List<Class<?>> AUDITED = List.of(
            UserDirectory.class,
            RoutingDirectory.class,
            TimeConditions.class,
            TrunkDirectory.class,
            OutboundRoutes.class,
            InboundRoutes.class,
            DeviceDirectory.class,
            IvrMenus.class,
            ConferenceRooms.class,
            Blocklist.class,
            VoicemailBoxes.class,
            Prompts.class,
            WebPasswords.class,
            AdminCredentials.class,
            AllowList.class,
            AccountLockouts.class,
            UserImport.class,
            ApplianceSetup.class,
            CertificateAdmin.class,
            FirstContacts.class,
            PhoneResync.class,
            CallRecordings.class,
            ApiTokenAdmin.class);

    /** Static and lazy about the audit log: a post-processor must not pull the services it wraps in early. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static AbstractAdvisingBeanPostProcessor webUiAuditingPostProcessor(
            ObjectProvider<AuditLog> audit, ObjectProvider<SecurityContextHolderStrategy> securityContexts) {
        return new AuditedServices(new AuditedServiceCalls(AUDITED, audit, securityContexts).advisor());
    }

    /** Proxies the audited beans (CGLIB: views inject the classes), adding to an existing proxy when there is one. */
    static final class AuditedServices extends AbstractAdvisingBeanPostProcessor {
        AuditedServices(Advisor advisor) {
            this.advisor = advisor;
            setProxyTargetClass(true);
            // outermost advice: the transaction (if any) has committed when the interceptor sees the result
            setBeforeExistingAdvisors(true);
        }

        /**
         * A proxy made here is frozen (no advice is added later): CGLIB then hands a method without advice, every
         * read, straight to the service instead of through the interceptor chain, so the SIP path's reads of the
         * directories (users, trunks, routing, voicemail boxes, recording rules) cost a plain call.
         *
         * <p>Its target is said not to be static ({@link UnfixedTarget}). A frozen proxy of a static target gets
         * one callback per method, in the order {@code Class.getMethods()} lists them, while the proxy class
         * generated at build time (Spring AOT, loaded as it is at run time) names each method's callback by the
         * index that order gave in the build's JVM. That order differs between JVMs (measured: with and without
         * the class-data archive), so a change such as {@code resetPassword} ran another method's empty chain and
         * went unaudited in some starts. With a target that is not static, the class names only the fixed
         * callbacks "advised" and "not advised", the same in every JVM.
         */
        @Override
        protected void customizeProxyFactory(ProxyFactory proxyFactory) {
            proxyFactory.setTargetSource(new UnfixedTarget(proxyFactory.getTargetSource()));
            proxyFactory.setFrozen(true);
        }
    }

    /** The service itself, said not to be static only for the proxy's callbacks (see above). */
    record UnfixedTarget(TargetSource target) implements TargetSource {
        @Override
        public Class<?> getTargetClass() {
            return target.getTargetClass();
        }

        @Override
        public boolean isStatic() {
            return false;
        }

        @Override
        public Object getTarget() throws Exception {
            return target.getTarget();
        }

        @Override
        public void releaseTarget(Object service) throws Exception {
            target.releaseTarget(service);
        }
    }
}
