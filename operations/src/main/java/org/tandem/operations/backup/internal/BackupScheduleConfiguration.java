package org.tandem.operations.backup.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.concurrent.Workers;

/**
 * Scheduled backups' one named thread ({@code backup-timer-1}): it both waits for the daily time and runs the backup,
 * so two backups never write at once and retention never sees a half-written archive. Blocking disk and network work,
 * far from the SIP stripes. Like the other features' timers it is a plain {@code ScheduledExecutorService} bean, not a
 * Spring {@code TaskScheduler}, so nothing else in the appliance picks it up by type.
 */
@Configuration(proxyBeanMethods = false)
public class BackupScheduleConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService backupTimer(Workers workers) {
        return workers.timer("backup-timer"); // a rescheduled day leaves no cancelled task queued
    }

    /**
     * {@code tandem_backup_scheduled_runs_total{result="ok"|"failed"}}: alert on a growing "failed".
     */
    @Bean
    ScheduledBackupMetrics scheduledBackupMetrics() {
        return new ScheduledBackupMetrics();
    }

    /** The counters; without a registry (tools, unit tests) counting does nothing. */
    public static final class ScheduledBackupMetrics implements MeterBinder {

        private volatile Counter ok;
        private volatile Counter failed;

        @Override
        public void bindTo(MeterRegistry registry) {
            ok = Counter.builder("tandem.backup.scheduled.runs")
                    .tag("result", "ok")
                    .description("Scheduled or 'Run now' backups that were written, checked and copied")
                    .register(registry);
            failed = Counter.builder("tandem.backup.scheduled.runs")
                    .tag("result", "failed")
                    .description("Scheduled or 'Run now' backups with a failed step (disk, check, retention, SFTP)")
                    .register(registry);
        }

        void count(boolean success) {
            Counter c = success ? ok : failed;
            if (c != null) c.increment();
        }
    }
}
