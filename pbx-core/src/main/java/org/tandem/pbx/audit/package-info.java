/**
 * The audit log (issue 17): who changed what, when, and through which {@link AuditChannel}. Public API:
 * {@link AuditLog} (record, read), {@link AuditEntry}, {@link SecretMask}, {@link AuditProperties}. Capture is
 * central and lives with each channel: the appliance's API filter, the web UI's service advisor, and the phone
 * feature codes (which tell the log who dialled).
 */
package org.tandem.pbx.audit;
