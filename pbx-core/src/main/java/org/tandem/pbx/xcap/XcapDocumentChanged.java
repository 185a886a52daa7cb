package org.tandem.pbx.xcap;

/** A user's XCAP document was created, changed or deleted (after the commit): e.g. presence rules to apply now. */
public record XcapDocumentChanged(String owner, String auid) {}
