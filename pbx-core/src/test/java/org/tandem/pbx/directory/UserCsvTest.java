package org.tandem.pbx.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The users' CSV export (issue 17): the import reads it back, no secret in it, formulas defused. */
class UserCsvTest {

    @Test
    void theImportReadsItBackAndASpreadsheetRunsNothing() {
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        String csv = UserCsv.of(List.of(
                new User("101", "Müller, Anna", "anna@example.com", t, t),
                new User("102", "=HYPERLINK(\"http://x\")", null, t, t)));
        List<CsvTable.Row> rows =
                CsvTable.parse(csv).stream().filter(r -> !r.blank()).toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).fields()).containsExactly("extension", "name", "email");
        assertThat(rows.get(1).fields()).containsExactly("101", "Müller, Anna", "anna@example.com");
        assertThat(rows.get(2).fields().get(1)).as("defused").startsWith("'=");
        assertThat(rows.get(2).fields().get(2)).isEmpty();
        assertThat(csv).doesNotContainIgnoringCase("password");
    }
}
