package org.tandem.pbx.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tandem.pbx.csv.SpreadsheetSafeCsv;
import org.tandem.pbx.security.GeneratedPasswords;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.pbx.validation.InvalidValueException;

/**
 * Bulk creation of users from a CSV file (header row, then one user per row). Every row is checked
 * first and every problem reported (line, field, message); if any row is bad, or an extension is taken
 * or appears twice, nothing is imported — all or nothing, so a corrected file can simply be imported
 * again. A missing SIP password is generated; the generated ones are returned once, for the admin to
 * hand out.
 * <p>
 * Columns (any order, names case-insensitive): {@code extension}, {@code name}, {@code email},
 * {@code sip_password}, {@code web_password}.
 */
@Service
public class UserImport {

    /** At most this many users per file: an office, not a city. */
    public static final int MAX_ROWS = 5000;

    static final List<String> COLUMNS = List.of("extension", "name", "email", "sip_password", "web_password");
    private static final Map<String, String> ALIASES = Map.of(
            "displayname",
            "name",
            "display_name",
            "name",
            "password",
            "sip_password",
            "sippassword",
            "sip_password",
            "webpassword",
            "web_password",
            "e-mail",
            "email");

    /**
     * One problem: the CSV line (1 = header; 0 = the whole file), the column, and what is wrong, as a key of
     * {@code messages/validation*.properties} ({@code user-import.*} and the users' own rules).
     */
    public record Problem(int line, String field, FieldError error) {

        /** What is wrong, in English. */
        public String message() {
            return error.text();
        }

        /** What is wrong, in {@code locale}'s language. */
        public String message(Locale locale) {
            return error.text(locale);
        }
    }

    /** A user created with a generated SIP password. */
    public record Generated(String extension, String name, String sipPassword) {}

    public record Result(int created, List<Generated> generated) {
        /** The generated passwords as CSV (header {@code extension,name,sip_password}), to download once. */
        public String generatedCsv() {
            StringBuilder sb = new StringBuilder("extension,name,sip_password\r\n");
            for (Generated g : generated) {
                // names come from the imported file: defused like every CSV this appliance writes
                sb.append(SpreadsheetSafeCsv.field(g.extension()))
                        .append(',')
                        .append(SpreadsheetSafeCsv.field(g.name()))
                        .append(',')
                        .append(SpreadsheetSafeCsv.field(g.sipPassword()))
                        .append("\r\n");
            }
            return sb.toString();
        }
    }

    /** The file was not imported; {@link #problems()} lists every bad row and field. */
    public static class RejectedException extends RuntimeException {
        private final List<Problem> problems;

        public RejectedException(List<Problem> problems) {
            super(problems.size() + " problem(s) in the file; nothing was imported");
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private record Candidate(int line, UserDraft draft, String webPassword, boolean generated) {}

    private final UserDirectory directory;
    private final WebPasswords webPasswords;
    private final TransactionTemplate transaction;

    public UserImport(UserDirectory directory, WebPasswords webPasswords, PlatformTransactionManager transactions) {
        this.directory = directory;
        this.webPasswords = webPasswords;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Checks the whole file, then creates every user in one transaction.
     *
     * @throws RejectedException listing every problem; nothing was imported
     */
    public Result importCsv(String csv) {
        List<Candidate> candidates = check(csv);
        List<String> created = new ArrayList<>();
        try {
            transaction.executeWithoutResult(status -> {
                for (Candidate c : candidates) {
                    directory.create(c.draft());
                    created.add(c.draft().extension());
                    if (c.webPassword() != null) webPasswords.set(c.draft().extension(), c.webPassword());
                }
            });
        } catch (RuntimeException e) {
            // the transaction rolled back; drop what create() already put in memory
            created.forEach(directory::forget);
            if (e instanceof DuplicateException d) {
                throw new RejectedException(List.of(new Problem(0, "extension", d.error())));
            }
            throw e;
        }
        List<Generated> generated = candidates.stream()
                .filter(Candidate::generated)
                .map(c -> new Generated(
                        c.draft().extension(),
                        c.draft().displayName().strip(),
                        c.draft().password()))
                .toList();
        return new Result(candidates.size(), generated);
    }

    private List<Candidate> check(String csv) {
        List<Problem> problems = new ArrayList<>();
        List<CsvTable.Row> rows;
        try {
            rows = CsvTable.parse(csv == null ? "" : csv).stream()
                    .filter(r -> !r.blank())
                    .toList();
        } catch (InvalidValueException e) {
            throw new RejectedException(List.of(new Problem(0, "file", e.error())));
        }
        if (rows.isEmpty())
            throw new RejectedException(List.of(new Problem(1, "file", FieldError.of("user-import.empty"))));
        Map<String, Integer> index = header(rows.get(0), problems);
        if (!problems.isEmpty()) throw new RejectedException(problems);
        if (rows.size() == 1)
            throw new RejectedException(List.of(new Problem(1, "file", FieldError.of("user-import.no-users"))));
        if (rows.size() - 1 > MAX_ROWS) {
            throw new RejectedException(
                    List.of(new Problem(1, "file", FieldError.of("user-import.too-many", MAX_ROWS))));
        }
        Map<String, Integer> seen = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        for (CsvTable.Row row : rows.subList(1, rows.size())) {
            if (row.fields().size() != index.size()) {
                problems.add(new Problem(
                        row.line(),
                        "file",
                        FieldError.of("user-import.field-count", row.fields().size(), index.size())));
                continue;
            }
            String extension = field(row, index, "extension");
            String sip = field(row, index, "sip_password");
            boolean generate = sip == null || sip.isEmpty();
            UserDraft draft = new UserDraft(
                    extension,
                    field(row, index, "name"),
                    generate ? GeneratedPasswords.strong() : sip,
                    field(row, index, "email"));
            Map<String, FieldError> errors = new LinkedHashMap<>();
            try {
                UserRules.check(draft, true);
            } catch (InvalidInputException e) {
                errors.putAll(e.errors());
            }
            String web = field(row, index, "web_password");
            if (web != null && !web.isEmpty()) WebPasswords.problem(web).ifPresent(m -> errors.put("web_password", m));
            if (!errors.containsKey("extension") && extension != null) {
                Integer earlier = seen.putIfAbsent(extension, row.line());
                if (earlier != null) {
                    errors.put("extension", FieldError.of("user-import.extension-twice", extension, earlier));
                } else if (directory.exists(extension)) {
                    errors.put("extension", FieldError.of("user-import.extension-exists", extension));
                } else {
                    directory
                            .claimOf(extension)
                            .ifPresent(owner -> errors.put(
                                    "extension", FieldError.of("user-import.number-used", extension, owner)));
                }
            }
            errors.forEach((f, m) -> problems.add(new Problem(row.line(), columnName(f), m)));
            candidates.add(new Candidate(row.line(), draft, web == null || web.isEmpty() ? null : web, generate));
        }
        if (!problems.isEmpty()) throw new RejectedException(problems);
        return candidates;
    }

    private static Map<String, Integer> header(CsvTable.Row row, List<Problem> problems) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < row.fields().size(); i++) {
            String raw = row.fields().get(i).strip().toLowerCase(Locale.ROOT).replace(' ', '_');
            String name = ALIASES.getOrDefault(raw, raw);
            if (!COLUMNS.contains(name)) {
                problems.add(new Problem(
                        row.line(),
                        row.fields().get(i),
                        FieldError.of("user-import.unknown-column", String.join(", ", COLUMNS))));
            } else if (index.putIfAbsent(name, i) != null) {
                problems.add(new Problem(row.line(), name, FieldError.of("user-import.column-twice")));
            }
        }
        for (String required : List.of("extension", "name")) {
            if (!index.containsKey(required) && problems.isEmpty()) {
                problems.add(new Problem(row.line(), required, FieldError.of("user-import.column-missing")));
            }
        }
        return index;
    }

    private static String field(CsvTable.Row row, Map<String, Integer> index, String column) {
        Integer i = index.get(column);
        if (i == null) return null;
        return row.fields().get(i).strip();
    }

    private static String columnName(String draftField) {
        switch (draftField) {
            case "displayName":
                return "name";
            case "password":
                return "sip_password";
            default:
                return draftField;
        }
    }
}
