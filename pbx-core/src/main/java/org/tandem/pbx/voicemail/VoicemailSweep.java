package org.tandem.pbx.voicemail;

import java.util.List;

/**
 * What the start-up sweep of the voicemail directory found and tidied: half-written temp files and
 * audio without a message row (a crash during a deposit or delete) were deleted; rows whose audio is
 * missing (files removed by hand, a restored database) were reported and removed.
 */
public record VoicemailSweep(int tempFilesDeleted, int orphanAudioDeleted, List<String> rowsWithoutAudioRemoved) {}
