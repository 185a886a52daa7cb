package org.tandem.pbx.cdr;

import java.util.List;

/**
 * One page of call records, newest first.
 *
 * @param page  the page number, from 0
 * @param total how many records match the filter in all
 */
public record CdrPage(List<CallRecord> items, int page, int size, long total) {}
