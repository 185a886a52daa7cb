package org.tandem.pbx.presence;

import java.util.List;
import java.util.Optional;

/**
 * A source of resource lists (RFC 4662): one SIP URI that stands for several resources, so that a phone or client
 * SUBSCRIBEs once for all of them — a desk phone's busy lamp keys, a client's buddy list. Tandem is the resource list
 * server; each source (provisioning for the lamps, the XCAP server for buddy lists) names its own list URIs.
 */
public interface ResourceLists {

    /** A list: its owner (only the owner may subscribe to it) and its members' user parts, in order. */
    record ResourceList(String owner, List<String> members) {}

    /**
     * The list behind the Request-URI user part {@code list} for {@code event} ({@code dialog}, {@code presence}), or
     * empty when that is no list of this source.
     */
    Optional<ResourceList> find(String list, String event);
}
