/**
 * Paging groups (issue 18): a number of the dial plan (and the destination {@code page:<number>}) whose member
 * phones are all called at once with the vendors' auto-answer headers ({@link org.tandem.pbx.routing.AutoAnswer});
 * every member that answers hears the caller, the caller hears none of them. A member who is in a call or on
 * do-not-disturb is skipped. Public API: {@link org.tandem.pbx.paging.PagingGroups}.
 */
package org.tandem.pbx.paging;
