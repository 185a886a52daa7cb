package org.tandem.pbx.presence.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.presence.ResourceLists;
import org.tandem.pbx.xcap.Auid;
import org.tandem.pbx.xcap.XcapDocuments;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the presence server takes from each user's XCAP documents: their presence rules (RFC 5025; applied to their
 * watchers as soon as they are stored, {@link PresencePackage}); and their buddy list (RFC 4826) as the resource list
 * {@code sip:<user>-buddies@<domain>} (RFC 4662), so a client watches every buddy with one SUBSCRIBE. Only buddies
 * that are users of this domain are on it.
 */
@Component
class XcapPresence implements PresRulesSource, ResourceLists {

    private static final Pattern BUDDIES = Pattern.compile("(.+)-buddies");

    private final XcapDocuments documents;
    private final SipDomain domain;

    XcapPresence(XcapDocuments documents, SipDomain domain) {
        this.documents = documents;
        this.domain = domain;
    }

    @Override
    public Optional<String> rulesOf(String user) {
        return documents.find(user, Auid.PRES_RULES).map(d -> d.xml());
    }

    @Override
    public Optional<ResourceList> find(String list, String event) {
        Matcher m = BUDDIES.matcher(list);
        if (!PresencePackage.EVENT.equals(event) || !m.matches()) return Optional.empty();
        String owner = m.group(1);
        var doc = documents.find(owner, Auid.RESOURCE_LISTS);
        if (doc.isEmpty()) return Optional.empty();
        List<String> members = new ArrayList<>();
        NodeList entries;
        try {
            entries = PresenceXml.parse(doc.get().xml()).getElementsByTagNameNS(Auid.RESOURCE_LISTS.namespace(), "entry");
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (int i = 0; i < entries.getLength(); i++) {
            String user = localUser(((Element) entries.item(i)).getAttribute("uri"));
            if (user != null && !members.contains(user)) members.add(user);
        }
        return Optional.of(new ResourceList(owner, members));
    }

    /** The user part of {@code sip:user@<our domain>}, or null for anyone elsewhere. */
    private String localUser(String uri) {
        String u = uri.startsWith("sip:") ? uri.substring(4) : uri.startsWith("sips:") ? uri.substring(5) : null;
        if (u == null) return null;
        int semi = u.indexOf(';');
        if (semi >= 0) u = u.substring(0, semi);
        int at = u.indexOf('@');
        return at > 0 && domain.is(u.substring(at + 1)) ? u.substring(0, at) : null;
    }
}
