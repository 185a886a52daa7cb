package org.tandem.pbx.presence;

/** Who watches the busy lamp of a number (an extension, ring group or park orbit) right now. */
public interface DialogWatchers {

    /** Dialog subscriptions to {@code resource} whose subscriber answered a NOTIFY with 2xx. */
    int watchers(String resource);

    /** Every dialog subscription alive now. */
    int subscriptions();
}
