package org.tandem.pbx.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

    @Test
    void readsRfc4180QuotingBomCrlfAndLineNumbers() {
        List<CsvTable.Row> rows =
                CsvTable.parse("\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\nlast,\"\"");
        assertThat(rows)
                .extracting(CsvTable.Row::fields)
                .containsExactly(
                        List.of("a", "b"),
                        List.of("x, y", "say \"hi\""),
                        List.of("two\nlines", "z"),
                        List.of("last", ""));
        assertThat(rows).extracting(CsvTable.Row::line).containsExactly(1, 2, 3, 5);
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThatThrownBy(() -> CsvTable.parse("a,b\n\"open,c\n")).hasMessageContaining("line 2");
    }
}
