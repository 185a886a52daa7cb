package org.tandem.pbx.voicemail.internal;

/**
 * Told when a deposit reaches each {@link DepositPhase}, on the depositing thread. Production has none;
 * the crash tests use one that stops the process in a chosen phase, to kill it there.
 */
public interface DepositProbe {

    void reached(DepositPhase phase, String messageId);
}
