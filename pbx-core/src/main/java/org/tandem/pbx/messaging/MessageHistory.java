package org.tandem.pbx.messaging;

import java.util.List;

/** The instant messages a user sent and received, newest first: for that user's own eyes (the portal). */
public interface MessageHistory {

    /** At most {@code limit} (1..500) of the messages {@code user} sent or received, newest first. */
    List<HistoryEntry> recent(String user, int limit);
}
