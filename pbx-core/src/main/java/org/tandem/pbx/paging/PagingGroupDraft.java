package org.tandem.pbx.paging;

import java.util.List;

/** A paging group as submitted (REST API, web UI), checked by {@link PagingGroups}. */
public record PagingGroupDraft(String number, String name, List<String> members) {
}
