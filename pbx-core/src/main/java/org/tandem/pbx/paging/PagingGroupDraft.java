package org.tandem.pbx.paging;

import java.util.List;

/**
 * A paging group as submitted (REST API, web UI), checked by {@link PagingGroups}.
 *
 * @param multicastAddress {@code 224.0.1.75:5000} for a multicast group; null or blank for one that calls the phones
 */
public record PagingGroupDraft(String number, String name, List<String> members, String multicastAddress) {}
