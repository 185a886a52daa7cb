package org.tandem.pbx.cdr.internal;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tandem.pbx.cdr.CdrProperties;

/**
 * Wires call detail records: rows left open by the previous run are closed first, then the writer
 * thread and the listener that feeds it start (all before SIP starts taking calls), and the query
 * service.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CdrProperties.class)
class CdrConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CdrConfiguration.class);

    @Bean
    CdrStore cdrStore(JdbcClient jdbc) {
        return new CdrStore(jdbc);
    }

    @Bean(destroyMethod = "close")
    CdrWriter cdrWriter(
            CdrStore store,
            CdrProperties props,
            PlatformTransactionManager transactions,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock) {
        Clock c = clock.getIfAvailable(Clock::systemUTC);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        int closed = tx.execute(s -> {
            List<CdrRow> open = store.loadOpen();
            for (CdrRow row : open) {
                CdrFold.closeAtRestart(row);
                store.save(row);
            }
            return open.size();
        });
        if (closed > 0) {
            log.warn(
                    "Closed {} call detail records left in progress when Tandem last stopped (closedAtRestart)",
                    closed);
        }
        CdrBatch batch = new CdrBatch(store, tx);
        return new CdrWriter(
                props.writeQueue(), batch, () -> batch.touchOpen(c.millis()), props.heartbeat(), props.commitWindow());
    }

    @Bean
    CallEventListener cdrCallEventListener(
            CdrWriter writer,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock) {
        return new CallEventListener(writer, clock.getIfAvailable(Clock::systemUTC));
    }

    /** Deletes old records daily on the appliance's housekeeping timer for stored rows (as the audit log's). */
    @Bean
    CdrRetention cdrRetention(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            CdrProperties props,
            @Qualifier("messagingTimer") ScheduledExecutorService housekeeping,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock) {
        CdrRetention retention = new CdrRetention(
                jdbc, new TransactionTemplate(transactions), props.keepDays(), clock.getIfAvailable(Clock::systemUTC));
        retention.scheduleOn(housekeeping);
        return retention;
    }

    @Bean
    CdrQueries callRecords(JdbcClient jdbc, DataSource dataSource) {
        return new CdrQueries(jdbc, dataSource);
    }

    @Bean
    CdrMetrics cdrMetrics(CdrWriter writer) {
        return new CdrMetrics(writer);
    }
}
