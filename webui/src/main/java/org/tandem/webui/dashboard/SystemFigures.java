package org.tandem.webui.dashboard;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;
import org.tandem.pbx.cdr.CallRecords;
import org.tandem.pbx.cdr.CdrFilter;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.webui.i18n.UiTexts;

/** The numbers the dashboard shows: health of each part, machine load, and calls per hour; in the UI's language. */
@Component
public class SystemFigures {

    public record Figure(String name, String value, boolean ok) {}

    private static final UiTexts TEXTS = new UiTexts();

    private final HealthEndpoint health;
    private final CallRecords records;
    private final Path dataDir;

    SystemFigures(HealthEndpoint health, CallRecords records, TandemProperties tandem) {
        this.health = health;
        this.records = records;
        this.dataDir = tandem.dataDir();
    }

    /**
     * Each health indicator (SIP service, call handling, database, ...) in plain words with OK or the problem (issue
     * 17, defect 11): not Spring's bean names ({@code cdrWriter}) and status codes ({@code UP}).
     */
    public List<Figure> health(Locale locale) {
        List<Figure> out = new ArrayList<>();
        HealthComponent all = health.health();
        out.add(figure("overall", all, "UP".equals(all.getStatus().getCode()), locale));
        if (all instanceof CompositeHealth composite) {
            composite
                    .getComponents()
                    .forEach((name, c) -> out.add(figure(
                            name,
                            c,
                            !Status.DOWN.getCode().equals(c.getStatus().getCode())
                                    && !Status.OUT_OF_SERVICE
                                            .getCode()
                                            .equals(c.getStatus().getCode()),
                            locale)));
        }
        return out;
    }

    private static Figure figure(String indicator, HealthComponent c, boolean ok, Locale locale) {
        String code = c.getStatus().getCode();
        String value = text(
                locale,
                switch (code) {
                    case "UP" -> "dashboard.figure.ok";
                    case "DOWN" -> "dashboard.figure.problem";
                    case "OUT_OF_SERVICE" -> "dashboard.figure.out-of-service";
                    default -> "dashboard.figure.not-known";
                });
        // the indicator's own explanation of a problem ("reason", written for an admin), where it gives one
        if (!ok && c instanceof Health h && h.getDetails().get("reason") instanceof String reason) {
            value += ": " + reason;
        }
        return new Figure(HealthNames.of(indicator, locale), value, ok);
    }

    /** CPU, memory, disk and uptime; figures are handed to the texts as written here (no regrouping by language). */
    public List<Figure> machine(Locale locale) {
        List<Figure> out = new ArrayList<>();
        var os = ManagementFactory.getOperatingSystemMXBean();
        double cpu = os instanceof OperatingSystemMXBean sun ? sun.getCpuLoad() : -1;
        out.add(new Figure(
                text(locale, "dashboard.figure.cpu"),
                cpu < 0
                        ? text(locale, "dashboard.figure.cpu-load", String.valueOf(os.getSystemLoadAverage()))
                        : text(
                                locale,
                                "dashboard.figure.cpu-percent",
                                String.valueOf(Math.round(cpu * 100)),
                                String.valueOf(os.getAvailableProcessors())),
                cpu < 0.9));
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        out.add(new Figure(
                text(locale, "dashboard.figure.memory"),
                text(
                        locale,
                        "dashboard.figure.memory-used",
                        String.valueOf(mib(used)),
                        String.valueOf(mib(rt.maxMemory()))),
                used < rt.maxMemory() * 0.9));
        String disk = text(locale, "dashboard.figure.disk");
        try {
            var store = Files.getFileStore(Files.exists(dataDir) ? dataDir : Path.of("."));
            long free = store.getUsableSpace();
            out.add(new Figure(
                    disk,
                    text(
                            locale,
                            "dashboard.figure.disk-free",
                            String.valueOf(mib(free)),
                            String.valueOf(mib(store.getTotalSpace()))),
                    free > 512L * 1024 * 1024));
        } catch (IOException e) {
            out.add(new Figure(
                    disk, text(locale, "dashboard.figure.disk-unknown", String.valueOf(e.getMessage())), false));
        }
        Duration up = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        out.add(new Figure(
                text(locale, "dashboard.figure.uptime"),
                text(
                        locale,
                        "dashboard.figure.uptime-value",
                        String.valueOf(up.toDaysPart()),
                        String.valueOf(up.toHoursPart()),
                        String.valueOf(up.toMinutesPart())),
                true));
        return out;
    }

    private static String text(Locale locale, String key, Object... params) {
        return TEXTS.getTranslation(key, locale, params);
    }

    /** Calls started in each of the last 24 whole hours (oldest first; the last one is the current hour). */
    public Map<Instant, Integer> callsPerHour(Instant now) {
        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(23, ChronoUnit.HOURS);
        Map<Instant, Integer> perHour = new LinkedHashMap<>();
        for (int h = 0; h < 24; h++) perHour.put(firstHour.plus(h, ChronoUnit.HOURS), 0);
        CdrFilter lastDay = new CdrFilter(firstHour, null, null, null, null, 0, CdrFilter.DEFAULT_SIZE);
        records.export(
                lastDay, r -> perHour.computeIfPresent(r.startedAt().truncatedTo(ChronoUnit.HOURS), (k, n) -> n + 1));
        return perHour;
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
