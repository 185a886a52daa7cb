package org.tandem.appliance.audit.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.tandem.pbx.audit.AuditLog;

/** Hooks the audit log into every REST API call (one interceptor instead of a line in each controller). */
@Configuration(proxyBeanMethods = false)
class ApiAuditConfiguration implements WebMvcConfigurer {

    private final AuditLog audit;
    private final ObjectProvider<SecurityContextHolderStrategy> securityContexts;

    ApiAuditConfiguration(AuditLog audit, ObjectProvider<SecurityContextHolderStrategy> securityContexts) {
        this.audit = audit;
        this.securityContexts = securityContexts;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiAuditInterceptor(
                        audit, securityContexts.getIfAvailable(SecurityContextHolder::getContextHolderStrategy)))
                .addPathPatterns("/api/v1/**");
    }
}
