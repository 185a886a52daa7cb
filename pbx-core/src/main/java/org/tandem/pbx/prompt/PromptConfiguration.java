package org.tandem.pbx.prompt;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.config.TandemProperties;

/** The prompt set as a bean. */
@Configuration(proxyBeanMethods = false)
public class PromptConfiguration {

    /** The features that name prompts (IVR menus, the blocklist) depend on the prompts (a cycle): asked when a prompt is deleted. */
    @Bean
    Prompts prompts(TandemProperties tandem, ObjectProvider<PromptUse> uses) {
        Prompts prompts = new Prompts(tandem.dataDir());
        prompts.checkUsesWith(() -> uses.orderedStream().toList());
        return prompts;
    }
}
