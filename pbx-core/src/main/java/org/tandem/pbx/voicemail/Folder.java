package org.tandem.pbx.voicemail;

/** Where a message is: new until heard or saved, then saved. */
public enum Folder {
    NEW,
    SAVED
}
