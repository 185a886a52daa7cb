package org.tandem.pbx.quality;

import java.util.List;
import org.springframework.stereotype.Service;
import org.tandem.pbx.quality.internal.QualityReportRepository;

/**
 * Voice quality of calls as the phones measured it (RFC 6035 PUBLISH, Event: vq-rtcpxr): the figures for calls whose
 * media went directly between the phones, beside the relay's own for relayed calls (issue 20).
 */
@Service
public class CallQuality {

    private final QualityReportRepository repository;

    public CallQuality(QualityReportRepository repository) {
        this.repository = repository;
    }

    /** The reports about call {@code callId}, oldest first. */
    public List<QualityReport> reportsOf(String callId) {
        return repository.reportsOf(callId);
    }
}
