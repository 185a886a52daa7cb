/**
 * The XCAP server's documents (RFC 4825): each user's buddy lists (resource-lists, RFC 4826) and presence rules
 * (pres-rules, RFC 5025), stored whole with entity tags and edited by node selectors. The HTTP side (under
 * {@code /xcap-root/}, authenticated per user) lives in the appliance; the presence server reads the documents.
 */
package org.tandem.pbx.xcap;
