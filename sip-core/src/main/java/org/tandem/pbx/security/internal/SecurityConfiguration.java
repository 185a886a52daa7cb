package org.tandem.pbx.security.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.security.LockoutProperties;
import org.tandem.pbx.security.RateLimitProperties;
import org.tandem.pbx.security.SecurityProperties;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, LockoutProperties.class, RateLimitProperties.class})
class SecurityConfiguration {}
