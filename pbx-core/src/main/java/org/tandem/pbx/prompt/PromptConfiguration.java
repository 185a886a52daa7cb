package org.tandem.pbx.prompt;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.config.TandemProperties;

/** The prompt set as a bean. */
@Configuration(proxyBeanMethods = false)
public class PromptConfiguration {

    @Bean
    Prompts prompts(TandemProperties tandem) {
        return new Prompts(tandem.dataDir());
    }
}
