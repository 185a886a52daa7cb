package org.tandem.pbx.paging;

import java.util.List;

/**
 * A paging group, dialled by its {@code number} (a number of the dial plan like extensions) or reached as
 * {@code page:<number>}: every member's phones answer at once on their speaker and hear the caller (one way). A
 * multicast group instead answers the caller itself and sends the caller's audio as RTP to {@code multicast}, where
 * the members' phones listen (their provisioned configuration names the address).
 *
 * @param members   the members' extensions, in the admin's order
 * @param multicast where a multicast group's audio goes; null for a group that calls its members' phones
 */
public record PagingGroup(String number, String name, List<String> members, MulticastAddress multicast) {

    public PagingGroup {
        members = List.copyOf(members);
    }

    public boolean isMulticast() {
        return multicast != null;
    }
}
