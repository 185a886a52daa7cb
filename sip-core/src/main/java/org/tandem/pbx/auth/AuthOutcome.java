package org.tandem.pbx.auth;

import javax.sip.message.Response;

/** What digest authentication decided about a request. */
public sealed interface AuthOutcome {

    /** The request carries valid credentials of this extension. */
    record Authenticated(String extension) implements AuthOutcome {}

    /**
     * Not (yet) authenticated: send {@code response} (401/407 with fresh challenges, or 403/400) in
     * the request's server transaction and stop processing it.
     */
    record Rejected(Response response) implements AuthOutcome {}
}
