package org.tandem.pbx.cdr.internal;

import java.time.Clock;
import java.time.Duration;
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
import org.tandem.pbx.config.TandemProperties;

/**
 * Wires call detail records: rows left open by the previous run are closed first, then the writer
 * thread and the listener that feeds it start (all before SIP starts taking calls), and the query
 * service.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CdrProperties.class)
class CdrConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CdrConfiguration.class);
    /** How long a read of the call records waits for the journal to reach the database before reading anyway. */
    static final Duration CATCH_UP_WAIT = Duration.ofSeconds(2);

    @Bean
    CdrStore cdrStore(JdbcClient jdbc) {
        return new CdrStore(jdbc);
    }

    /**
     * The journal lives beside the database files and is read at every start, also when it is not used: what a crash
     * left in it reaches the database before the calls left in progress are closed (their end may be in it).
     */
    @Bean(destroyMethod = "close")
    CdrWriter cdrWriter(
            CdrStore store,
            CdrProperties props,
            PlatformTransactionManager transactions,
            TandemProperties tandem,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock) {
        Clock c = clock.getIfAvailable(Clock::systemUTC);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        CdrBatch batch = new CdrBatch(store, tx);
        CdrWriter writer = new CdrWriter(
                props.writeQueue(),
                batch,
                () -> batch.touchOpen(c.millis()),
                props.heartbeat(),
                props.commitWindow(),
                new CdrJournal(tandem.dataDir().resolve("cdr.journal")),
                props.journalFlushInterval());
        try {
            writer.recover(new CdrBatch(store, tx));
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
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
        return writer;
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
    CdrQueries callRecords(JdbcClient jdbc, DataSource dataSource, CdrWriter writer) {
        return new CdrQueries(jdbc, dataSource, () -> writer.catchUp(CATCH_UP_WAIT));
    }

    @Bean
    CdrMetrics cdrMetrics(CdrWriter writer) {
        return new CdrMetrics(writer);
    }
}
