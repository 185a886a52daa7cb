package org.tandem.pbx.xcap;

/** One user's document of one application usage (RFC 4825 §4), and its entity tag (§7.11). */
public record XcapDocument(String owner, String auid, String xml, String etag) {}
