package org.tandem.pbx.blocklist;

/**
 * A blocklist entry as an admin, the API or a user's portal writes it.
 *
 * @param prefix    null = false (the exact number)
 * @param extension the user whose list it joins, or null for the whole PBX
 */
public record BlockedNumberDraft(String number, Boolean prefix, String extension, String note) {}
