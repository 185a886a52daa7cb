package org.tandem.pbx.presence.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import javax.sip.ServerTransaction;
import javax.sip.header.AcceptHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.presence.ResourceLists;

/**
 * Subscriptions to resource lists (RFC 4662): a phone's busy lamp keys or buddy list watched in one SUBSCRIBE.
 * Which list a request URI names, whether its subscriber may watch it, and which members it watches, at the start
 * and at each refresh. {@link SubscribeHandler} handles the subscription's dialog; this class only its members.
 */
final class EventLists {

    /** The most resources one list subscription watches (a phone's keys and expansion modules fit easily). */
    static final int MAX_LIST_MEMBERS = 200;

    private final List<ResourceLists> lists;
    private final SubscribeResponses responses;
    private final SipDomain domain;

    EventLists(List<ResourceLists> lists, SubscribeResponses responses, SipDomain domain) {
        this.lists = List.copyOf(lists);
        this.responses = responses;
        this.domain = domain;
    }

    /** The list {@code resource} names for {@code event}, or null. */
    ResourceLists.ResourceList find(String resource, String event) {
        for (var source : lists) {
            var found = source.find(resource, event);
            if (found.isPresent()) return found.get();
        }
        return null;
    }

    /**
     * RFC 4662 §5: a list is its owner's; the subscriber must support eventlist (else 421 with Require) and accept
     * multipart/related (else 406). The members Tandem can watch, or null when refused (answered).
     */
    List<String> members(
            ServerTransaction tx,
            Request request,
            ResourceLists.ResourceList list,
            String user,
            EventPackage eventPackage) {
        if (!list.owner().equals(user)) {
            responses.reply(tx, request, Response.FORBIDDEN, "Not your list");
            return null;
        }
        boolean eventlist = false;
        for (ListIterator<?> it = request.getHeaders(SupportedHeader.NAME); it.hasNext(); ) {
            String tags = ((SupportedHeader) it.next()).getOptionTag();
            for (String tag : tags.split(",")) eventlist |= "eventlist".equalsIgnoreCase(tag.strip());
        }
        if (!eventlist) {
            responses.extensionRequired(tx, request);
            return null;
        }
        if (request.getHeader(AcceptHeader.NAME) != null && !SubscribeResponses.accepts(request, "multipart/related")) {
            responses.reply(
                    tx, request, Response.NOT_ACCEPTABLE, "A list's state comes as multipart/related (RFC 4662)");
            return null;
        }
        return watchable(list, eventPackage);
    }

    /** The members of a new list subscription, each a view of its own. */
    void start(Subscription s, List<String> members) {
        s.state().members = new LinkedHashMap<>();
        for (String m : members) s.state().members.put(m, s.member(m, "sip:" + m + "@" + domain.current()));
    }

    /**
     * RFC 4662 §5: a refresh of a list subscription gets the list as it is now (a lamp key added on the phone, a
     * buddy removed); members that stay keep their views and document versions.
     */
    void relist(Subscription s, EventPackage p) {
        var list = find(s.resource(), s.event());
        if (list == null) return; // the list is gone: keep what the subscriber has until it ends
        Map<String, Subscription> next = new LinkedHashMap<>();
        for (String m : watchable(list, p)) {
            Subscription kept = s.state().members.get(m);
            next.put(m, kept != null ? kept : s.member(m, "sip:" + m + "@" + domain.current()));
        }
        s.state().members = next;
    }

    private static List<String> watchable(ResourceLists.ResourceList list, EventPackage p) {
        return list.members().stream()
                .distinct()
                .filter(p::watchable)
                .limit(MAX_LIST_MEMBERS)
                .toList();
    }
}
