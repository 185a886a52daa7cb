package org.tandem.operations.backup;

/**
 * Restarts the appliance so every feature loads the restored database, key and certificates, the same
 * way it does at power-on. The appliance implements this port; without one, a restore asks the admin to
 * restart.
 */
public interface ApplianceRestart {

    /** Starts the restart and returns at once; the caller's context is closed shortly after. */
    void restart();
}
