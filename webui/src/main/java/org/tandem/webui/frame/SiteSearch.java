package org.tandem.webui.frame;

import java.util.List;

/**
 * What a feature contributes to the search box in the top bar (a bean per feature, as {@link AdminPage}): the things
 * it knows whose number, name or address contains the typed term.
 */
public interface SiteSearch {

    /** At most {@code limit} hits for {@code term} (lower case, trimmed, never empty). */
    List<SearchHit> find(String term, int limit);
}
