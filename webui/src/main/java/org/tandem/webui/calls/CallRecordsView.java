package org.tandem.webui.calls;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.cdr.CallRecord;
import org.tandem.pbx.cdr.CallRecords;
import org.tandem.pbx.cdr.CdrCsv;
import org.tandem.pbx.cdr.CdrFilter;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.recording.CallRecordings;
import org.tandem.pbx.recording.RecordedCall;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.ApplianceTime;
import org.tandem.webui.DayPickers;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/** Call detail records: filter, page through, export as CSV; one extension's missed calls. */
@Route(value = "calls", layout = MainLayout.class)
@PageName("Call records")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class CallRecordsView extends VerticalLayout implements TranslatedTitle {

    static final ZonedFormat TIME = ZonedFormat.of("yyyy-MM-dd HH:mm:ss"); // the appliance\'s zone (issue 17)

    private final CallRecords records;
    private final UserDirectory users;
    private final CallRecordings recordings;
    /** The recordings of the rows last fetched, by call: one query per page, not one per row. */
    private final Map<String, RecordedCall> recorded = new ConcurrentHashMap<>();

    private final Grid<CallRecord> grid = new Grid<>(CallRecord.class, false);
    private final EmptyHint hint = new EmptyHint("call-records-hint", "");
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final TextField extension = new TextField();
    private final MultiSelectComboBox<Disposition> dispositions = new MultiSelectComboBox<>();
    private final Select<CallDirection> direction = new Select<>();
    private final Checkbox missedOnly = new Checkbox();
    private final Anchor csv = new Anchor();
    private CdrFilter filter = CdrFilter.all();

    public CallRecordsView(
            CallRecords records, CallRecordings recordings, AuthenticationContext auth, UserDirectory users) {
        this.records = records;
        this.users = users;
        // recordings are the admins' only, as on the Recordings page and in the API
        this.recordings = auth.hasRole(Roles.ADMIN) ? recordings : null;
        setSizeFull();
        from.setLabel(getTranslation("calls.from"));
        to.setLabel(getTranslation("calls.to"));
        extension.setLabel(getTranslation("calls.extension"));
        dispositions.setLabel(getTranslation("calls.outcome"));
        missedOnly.setLabel(getTranslation("calls.missed-only"));
        from.setId("cdr-from");
        to.setId("cdr-to");
        DayPickers.readLocaleAndIso(from);
        DayPickers.readLocaleAndIso(to);
        extension.setId("cdr-extension");
        extension.setClearButtonVisible(true);
        dispositions.setId("cdr-disposition");
        dispositions.setItems(Disposition.values());
        dispositions.setItemLabelGenerator(d -> Outcomes.of(d, getLocale()));
        direction.setId("cdr-direction");
        direction.setLabel(getTranslation("calls.direction"));
        direction.setItems(CallDirection.values());
        direction.setItemLabelGenerator(d -> Outcomes.of(d, getLocale()));
        direction.setEmptySelectionAllowed(true);
        direction.setEmptySelectionCaption(getTranslation("calls.direction.any"));
        missedOnly.setId("cdr-missed");
        Button apply = new Button(getTranslation("calls.show"), e -> apply());
        apply.setId("cdr-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        csv.setText(getTranslation("calls.csv"));
        csv.setId("cdr-csv");
        csv.getElement().setAttribute("download", true);
        HorizontalLayout filters =
                new HorizontalLayout(from, to, extension, dispositions, direction, missedOnly, apply, csv);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        grid.setId("call-records");
        grid.addColumn(r -> TIME.format(r.startedAt()))
                .setHeader(getTranslation("calls.started", ZonedFormat.zoneLabel()))
                .setAutoWidth(true);
        // who called whom by name and number (issue 17, defect 11): the name the caller sent, else the user's
        grid.addColumn(this::caller).setHeader(getTranslation("calls.caller"));
        grid.addColumn(r -> named(null, r.dialled())).setHeader(getTranslation("calls.dialled"));
        grid.addColumn(r -> r.answeredBy() == null ? "" : named(null, r.answeredBy()))
                .setHeader(getTranslation("calls.answered-by"));
        grid.addColumn(r -> Outcomes.of(r, getLocale())).setHeader(getTranslation("calls.outcome"));
        grid.addColumn(CallRecord::billableSeconds).setHeader(getTranslation("calls.seconds"));
        grid.addColumn(r -> Outcomes.of(r.direction(), getLocale())).setHeader(getTranslation("calls.direction"));
        if (this.recordings != null) {
            grid.addComponentColumn(this::recordingLink)
                    .setHeader(getTranslation("calls.recording"))
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        grid.setPageSize(50);
        grid.setSizeFull();
        add(new H2(getTranslation("calls.title")), filters, hint, grid);
        apply();
    }

    private void apply() {
        // a date the picker could not read is marked at its field by the picker itself (defect 7): no filter then,
        // rather than one silently without that date
        for (DatePicker d : new DatePicker[] {from, to}) {
            if (d.isInvalid()
                    && !Objects.equals(d.getErrorMessage(), d.getI18n().getBadInputErrorMessage())) {
                // the filter's own message from the last Show (e.g. a range the wrong way round): cleared, and the
                // picker's bad-input message takes over again
                d.setErrorMessage(null);
                d.setInvalid(false);
            }
        }
        if (from.isInvalid() || to.isInvalid()) {
            // what is left is the picker's own "not a date" (its message stays at the field)
            return;
        }
        for (var f : new HasValidation[] {extension, dispositions, direction}) {
            f.setInvalid(false);
        }
        try {
            filter = CdrFilter.parse(
                    day(from.getValue()),
                    day(to.getValue() == null ? null : to.getValue().plusDays(1)),
                    extension.getValue(),
                    dispositions.getValue().stream().map(Enum::name).collect(Collectors.joining(",")),
                    direction.getValue() == null ? null : direction.getValue().name(),
                    null,
                    null);
        } catch (InvalidInputException x) {
            x.fieldErrors(getLocale()).forEach(this::showError);
            return;
        }
        if (missedOnly.getValue() && filter.extension() == null) {
            showError("extension", getTranslation("calls.missed.no-extension"));
            return;
        }
        boolean missed = missedOnly.getValue();
        CdrFilter current = filter;
        grid.setItems(q -> page(current, missed, q.getPage(), q.getPageSize()).stream(), q ->
                (int) Math.min(Integer.MAX_VALUE, count(current, missed)));
        showHint(current, missed);
        csv.setHref(new StreamResource("call-records.csv", (out, session) -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            CdrCsv.header(w);
            records.export(
                    missed
                            ? current.withDispositions(
                                    EnumSet.of(Disposition.NO_ANSWER, Disposition.BUSY, Disposition.CANCELLED))
                            : current,
                    r -> CdrCsv.row(r, w));
            w.flush();
        }));
    }

    private List<CallRecord> page(CdrFilter f, boolean missed, int page, int size) {
        CdrFilter paged = f.withPage(page, Math.min(size, CdrFilter.MAX_SIZE));
        List<CallRecord> items = (missed ? records.missedCalls(f.extension(), paged) : records.search(paged)).items();
        if (page == 0) recorded.clear();
        if (recordings != null)
            recorded.putAll(
                    recordings.forCalls(items.stream().map(CallRecord::callId).toList()));
        return items;
    }

    /** A download of the call's recording (issue 18: the CDR links to it), or nothing when it was not recorded. */
    private Component recordingLink(CallRecord r) {
        var recording = recorded.get(r.callId());
        var file = recording == null ? Optional.<Path>empty() : recordings.audio(recording.id());
        if (file.isEmpty()) return new Span();
        Anchor link = new Anchor(
                DownloadHandler.forFile(file.get().toFile(), "recording-" + recording.id() + ".wav"),
                getTranslation("calls.download"));
        link.setId("cdr-recording-" + recording.id());
        link.getElement().setAttribute("download", true);
        link.getElement().setAttribute("aria-label", getTranslation("calls.download.aria", TIME.format(r.startedAt())));
        return link;
    }

    /**
     * An empty list says why (issue 17, defect 12): on a fresh appliance what the page is for and how to fill it,
     * otherwise that the filter matched nothing.
     */
    private void showHint(CdrFilter current, boolean missed) {
        if (count(current, missed) > 0) {
            hint.setVisible(false);
            return;
        }
        CdrFilter everything =
                CdrFilter.parse(null, null, null, null, null, null, null).withPage(0, 1);
        boolean none = records.search(everything).total() == 0;
        hint.setText(getTranslation(none ? "calls.hint.none" : "calls.hint.filtered"));
        hint.setVisible(true);
    }

    private String caller(CallRecord r) {
        return named(r.callerName(), r.callerExtension() != null ? r.callerExtension() : r.callerNumber());
    }

    /** {@code Paula Nordmann <201>}: the given name, else the name of the user with that extension, else the number. */
    private String named(String name, String number) {
        if (number == null || number.isBlank()) return name == null ? "" : name;
        String shown = name != null && !name.isBlank() && !name.equals(number)
                ? name
                : users.find(number).map(u -> u.displayName()).orElse(null);
        return shown == null || shown.isBlank() ? number : shown + " <" + number + ">";
    }

    private long count(CdrFilter f, boolean missed) {
        CdrFilter one = f.withPage(0, 1);
        return (missed ? records.missedCalls(f.extension(), one) : records.search(one)).total();
    }

    private void showError(String field, String message) {
        HasValidation target = switch (field) {
            case "from" -> from;
            case "to" -> to;
            case "disposition" -> dispositions;
            case "direction" -> direction;
            default -> extension;
        };
        target.setErrorMessage(message);
        target.setInvalid(true);
    }

    private static String day(LocalDate d) {
        return d == null
                ? null
                : d.atStartOfDay(ApplianceTime.zone()).toOffsetDateTime().toString();
    }
}
