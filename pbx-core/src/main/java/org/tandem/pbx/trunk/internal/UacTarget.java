package org.tandem.pbx.trunk.internal;

import java.util.List;
import java.util.function.Function;
import javax.sip.address.Address;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.header.Header;

/**
 * One place the gateway's UAC leg may send its INVITE: a provider (one trunk of the route, with its
 * credentials) or the proxy in this process (inbound calls).
 *
 * @param trunk     the trunk's id, or null for the proxy
 * @param number    the number as the provider gets it (call records), or null
 * @param headers   extra headers, made for the Call-ID of the attempt (signatures are bound to it)
 * @param authUser  digest user for the provider's challenges, or null (do not answer them)
 * @param offer     the SDP offer for this target (restricted to its trunk's codecs), or null: the caller's body as is
 */
record UacTarget(
        String trunk,
        String number,
        SipURI requestUri,
        Hop hop,
        String transport,
        Address from,
        Address to,
        Function<String, List<Header>> headers,
        String authUser,
        String password,
        String offer) {}
