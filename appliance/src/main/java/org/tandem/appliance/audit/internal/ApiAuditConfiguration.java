package org.tandem.appliance.audit.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.tandem.pbx.audit.AuditLog;

/** Hooks the audit log into every REST API call (one interceptor instead of a line in each controller). */
@Configuration(proxyBeanMethods = false)
class ApiAuditConfiguration implements WebMvcConfigurer {

    private final AuditLog audit;

    ApiAuditConfiguration(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiAuditInterceptor(audit)).addPathPatterns("/api/v1/**");
    }
}
