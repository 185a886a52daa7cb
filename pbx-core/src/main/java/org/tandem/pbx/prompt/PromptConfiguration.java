package org.tandem.pbx.prompt;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.config.TandemProperties;

/** The prompt set as a bean. */
@Configuration(proxyBeanMethods = false)
public class PromptConfiguration {

    /** Phase of the wait for the prompts: before the SIP transports' (Integer.MAX_VALUE - 100) open. */
    static final int LOADED_BEFORE_SIP = Integer.MAX_VALUE - 200;

    /** The features that name prompts (IVR menus, the blocklist) depend on the prompts (a cycle): asked when a prompt is deleted. */
    @Bean
    Prompts prompts(TandemProperties tandem, ObjectProvider<PromptUse> uses) {
        Prompts prompts = new Prompts(tandem.dataDir()); // reads on a thread of its own while the other beans start
        prompts.checkUsesWith(() -> uses.orderedStream().toList());
        return prompts;
    }

    /**
     * The start waits here until every prompt is read, so no call flow on a SIP thread ever waits for the disk; a
     * shipped prompt missing from the build fails the start, as it did when they were read in the bean's constructor.
     */
    @Bean
    SmartLifecycle promptsReadBeforeSip(Prompts prompts) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                prompts.awaitLoaded();
                running = true;
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return LOADED_BEFORE_SIP;
            }
        };
    }
}
