package org.tandem.appliance.api;

/** Scheduled backups over the API on the default embedded H2 database. */
class BackupScheduleApiH2IT extends BackupScheduleApiContract {}
