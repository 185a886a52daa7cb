package org.tandem.pbx.blocklist.internal;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.tandem.pbx.blocklist.BlockTreatment;
import org.tandem.pbx.blocklist.BlockedNumber;
import org.tandem.pbx.blocklist.BlocklistPolicy;

/** The {@code blocked_number} and {@code blocklist_policy} tables (V36). */
@Repository
public class BlocklistRepository {

    private final JdbcClient jdbc;

    public BlocklistRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The PBX's entries first (owner NULL), then each user's, by number. */
    public List<BlockedNumber> entries() {
        return jdbc.sql("SELECT id, number, prefix, owner, note FROM blocked_number "
                        + "ORDER BY CASE WHEN owner IS NULL THEN 0 ELSE 1 END, owner, number, id")
                .query((rs, n) -> new BlockedNumber(
                        rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    public BlockedNumber insert(BlockedNumber e) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO blocked_number (number, prefix, owner, note, created_ms) VALUES (?, ?, ?, ?, ?)")
                .params(e.number(), e.prefix(), e.extension(), e.note(), System.currentTimeMillis())
                .update(keys, "id");
        return new BlockedNumber(keys.getKey().longValue(), e.number(), e.prefix(), e.extension(), e.note());
    }

    public int update(BlockedNumber e) {
        return jdbc.sql("UPDATE blocked_number SET number = ?, prefix = ?, owner = ?, note = ? WHERE id = ?")
                .params(e.number(), e.prefix(), e.extension(), e.note(), e.id())
                .update();
    }

    public int delete(long id) {
        return jdbc.sql("DELETE FROM blocked_number WHERE id = ?").param(id).update();
    }

    public BlocklistPolicy policy() {
        return jdbc.sql("SELECT block_anonymous, treatment, prompt FROM blocklist_policy WHERE id = 1")
                .query((rs, n) ->
                        new BlocklistPolicy(rs.getBoolean(1), BlockTreatment.valueOf(rs.getString(2)), rs.getString(3)))
                .optional()
                .orElse(new BlocklistPolicy(false, BlockTreatment.BUSY, BlocklistPolicy.DEFAULT_PROMPT));
    }

    public void savePolicy(BlocklistPolicy p) {
        if (jdbc.sql("UPDATE blocklist_policy SET block_anonymous = ?, treatment = ?, prompt = ? WHERE id = 1")
                        .params(p.blockAnonymous(), p.treatment().name(), p.prompt())
                        .update()
                == 0) {
            jdbc.sql("INSERT INTO blocklist_policy (id, block_anonymous, treatment, prompt) VALUES (1, ?, ?, ?)")
                    .params(p.blockAnonymous(), p.treatment().name(), p.prompt())
                    .update();
        }
    }
}
