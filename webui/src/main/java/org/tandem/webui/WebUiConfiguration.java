package org.tandem.webui;

import com.vaadin.flow.spring.annotation.EnableVaadin;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * The admin web UI (at {@code /}) and the user portal (at {@code /me}). Views are thin: they call
 * pbx-core services and the ports declared at this package's root, never the SIP stack or a repository.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableVaadin("org.tandem.webui")
@PropertySource("classpath:tandem-webui.properties")
public class WebUiConfiguration {}
