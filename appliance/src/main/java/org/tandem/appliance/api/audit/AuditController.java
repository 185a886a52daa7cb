package org.tandem.appliance.api.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.pbx.audit.AuditEntry;
import org.tandem.pbx.audit.AuditLog;
import org.tandem.pbx.cdr.CdrFilter;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The audit log (issue 17), read-only for ADMIN and OPERATOR: {@code GET /api/v1/audit?from=&to=&who=&limit=},
 * newest first. {@code from} (inclusive) and {@code to} (exclusive) are ISO-8601 (an instant, with an offset, or a
 * date = UTC midnight); {@code who} matches part of the name (any case); {@code limit} 1–1000 (100).
 */
@RestController
public class AuditController {

    /** One entry; {@code at} is UTC. */
    public record AuditEntryView(String at, String who, String channel, String action, String target) {}

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping(path = "/api/v1/audit", produces = "application/json")
    public List<AuditEntryView> list(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String who,
            @RequestParam(required = false) String limit) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        Instant f = CdrFilter.isoInstant("from", from, errors);
        Instant t = CdrFilter.isoInstant("to", to, errors);
        int n = 100;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.strip());
                if (n < 1 || n > AuditLog.MAX_LIMIT)
                    errors.put("limit", FieldError.of("common.range", 1, AuditLog.MAX_LIMIT));
            } catch (NumberFormatException e) {
                errors.put("limit", FieldError.of("audit.limit", limit, AuditLog.MAX_LIMIT));
            }
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return audit.find(f, t, who, n).stream().map(AuditController::view).toList();
    }

    private static AuditEntryView view(AuditEntry e) {
        return new AuditEntryView(e.at().toString(), e.who(), e.channel().name(), e.action(), e.target());
    }
}
