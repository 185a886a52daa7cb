package org.tandem.pbx.xcap.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.pbx.xcap.XcapDocument;

/** The xcap_document table (V44): writes compare the entity tag, so of two concurrent writers one wins. */
@Repository
public class XcapRepository {

    private final JdbcClient jdbc;

    public XcapRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<XcapDocument> find(String owner, String auid) {
        return jdbc.sql("SELECT owner, auid, body, etag FROM xcap_document WHERE owner = ? AND auid = ?")
                .params(owner, auid)
                .query((rs, n) -> new XcapDocument(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /** Every user's document of {@code auid} (e.g. all RLS services, RFC 4826 §4.4.8: unique among all users). */
    public List<XcapDocument> all(String auid) {
        return jdbc.sql("SELECT owner, auid, body, etag FROM xcap_document WHERE auid = ?")
                .params(auid)
                .query((rs, n) -> new XcapDocument(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** Creates the document; false when one exists already (the primary key refuses a second). */
    public boolean insert(XcapDocument d) {
        try {
            return jdbc.sql("INSERT INTO xcap_document (owner, auid, body, etag, updated_ms) VALUES (?, ?, ?, ?, ?)")
                            .params(d.owner(), d.auid(), d.xml(), d.etag(), System.currentTimeMillis())
                            .update()
                    == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Replaces the version tagged {@code expectedEtag}; false when that is no longer the stored version. */
    public boolean replace(XcapDocument d, String expectedEtag) {
        return jdbc.sql(
                                "UPDATE xcap_document SET body = ?, etag = ?, updated_ms = ? WHERE owner = ? AND auid = ? AND etag = ?")
                        .params(d.xml(), d.etag(), System.currentTimeMillis(), d.owner(), d.auid(), expectedEtag)
                        .update()
                == 1;
    }

    public boolean delete(String owner, String auid, String expectedEtag) {
        return jdbc.sql("DELETE FROM xcap_document WHERE owner = ? AND auid = ? AND etag = ?")
                        .params(owner, auid, expectedEtag)
                        .update()
                == 1;
    }
}
