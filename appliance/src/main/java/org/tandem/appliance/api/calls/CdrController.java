package org.tandem.appliance.api.calls;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.cdr.CallRecords;
import org.tandem.pbx.cdr.CdrCsv;
import org.tandem.pbx.cdr.CdrFilter;
import org.tandem.pbx.cdr.CdrPage;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.quality.CallQuality;
import org.tandem.pbx.quality.QualityReport;
import org.tandem.pbx.recording.CallRecordings;
import org.tandem.pbx.recording.RecordedCall;

/**
 * Call detail records: {@code GET /api/v1/cdrs} (JSON pages), {@code GET /api/v1/cdrs.csv} (every
 * match, streamed), a user's call log {@code GET /api/v1/users/{ext}/calls} and missed calls
 * {@code GET /api/v1/users/{ext}/missed-calls}; the phones' quality reports of a call
 * {@code GET /api/v1/cdrs/{callId}/quality}; its recording {@code GET /api/v1/cdrs/{callId}/recording}. Filters: {@code from}, {@code to} (ISO-8601),
 * {@code extension}, {@code disposition}, {@code direction}, {@code page} (from 0), {@code size}; the
 * rules live in {@link CdrFilter} and {@link CallRecords}, shared with the user portal.
 */
@RestController
public class CdrController {

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final CallRecords records;
    private final UserDirectory directory;
    private final CallQuality quality;
    private final Clock clock;
    private final CallRecordings recordings;

    public CdrController(
            CallRecords records,
            UserDirectory directory,
            CallQuality quality,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock,
            CallRecordings recordings) {
        this.recordings = recordings;
        this.records = records;
        this.directory = directory;
        this.quality = quality;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping(path = "/api/v1/cdrs", produces = "application/json")
    public CdrPage list(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String extension,
            @RequestParam(required = false) String disposition,
            @RequestParam(required = false) String direction,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        return records.search(CdrFilter.parse(from, to, extension, disposition, direction, page, size));
    }

    /**
     * The voice quality reports (RFC 6035) the phones sent about call {@code callId}, oldest first: the figures of a
     * call whose media went directly between the phones (the relay's own are in the record's {@code media}).
     */
    @GetMapping(path = "/api/v1/cdrs/{callId}/quality", produces = "application/json")
    public List<QualityReport> quality(@PathVariable String callId) {
        return quality.reportsOf(callId);
    }

    /**
     * The recording of call {@code callId} (issue 18), whose audio is {@code GET /api/v1/recordings/{id}/audio}; 404
     * when the call was not recorded (or its recording was deleted).
     */
    @GetMapping(path = "/api/v1/cdrs/{callId}/recording", produces = "application/json")
    public RecordedCall recording(@PathVariable String callId) {
        return recordings
                .forCall(callId)
                .orElseThrow(() -> new NotFoundException(
                        "Call " + callId + " has no recording; recording rules are at GET /api/v1/recording-rules"));
    }

    /**
     * RFC 4180 CSV with a header row, written to the response as rows are read from the database, so an
     * export of a year of calls needs no more memory than one of a day. Bad filters are answered 400
     * (JSON) before anything is written.
     */
    @GetMapping(path = "/api/v1/cdrs.csv")
    public void csv(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String extension,
            @RequestParam(required = false) String disposition,
            @RequestParam(required = false) String direction,
            HttpServletResponse response)
            throws IOException {
        CdrFilter filter = CdrFilter.parse(from, to, extension, disposition, direction, null, null);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/csv;charset=UTF-8;header=present");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("cdrs-" + FILE_TIME.format(clock.instant()) + ".csv")
                        .build()
                        .toString());
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        CdrCsv.header(out);
        records.export(filter, r -> CdrCsv.row(r, out));
        out.flush();
    }

    @GetMapping(path = "/api/v1/users/{extension}/calls", produces = "application/json")
    public CdrPage callLog(
            @PathVariable String extension,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String disposition,
            @RequestParam(required = false) String direction,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        CdrFilter filter = CdrFilter.parse(from, to, null, disposition, direction, page, size);
        return records.callLog(known(extension), filter);
    }

    @GetMapping(path = "/api/v1/users/{extension}/missed-calls", produces = "application/json")
    public CdrPage missedCalls(
            @PathVariable String extension,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        CdrFilter filter = CdrFilter.parse(from, to, null, null, null, page, size);
        return records.missedCalls(known(extension), filter);
    }

    private String known(String extension) {
        if (!directory.exists(extension)) {
            throw new NotFoundException("No user has extension " + extension + "; GET /api/v1/users lists them "
                    + "(records of deleted users stay in GET /api/v1/cdrs?extension=" + extension + ")");
        }
        return extension;
    }
}
