package org.tandem.pbx.paging;

import java.util.List;

/**
 * A paging group, dialled by its {@code number} (a number of the dial plan like extensions) or reached as
 * {@code page:<number>}: every member's phones answer at once on their speaker and hear the caller (one way).
 *
 * @param members the members' extensions, in the admin's order
 */
public record PagingGroup(String number, String name, List<String> members) {

    public PagingGroup {
        members = List.copyOf(members);
    }
}
