package org.tandem.pbx.welcome;

/**
 * Makes the address a softphone scans to set itself up (a Linphone remote-provisioning URL). The provisioning module
 * implements this port, because it serves phones their configurations and knows the address phones reach it at;
 * without one, the welcome e-mail has no softphone QR code.
 */
public interface SoftphoneSetup {

    /**
     * A fresh single-use setup address for the user's softphone ({@link SoftphoneLinks}: older unused ones of the
     * user stop working).
     *
     * @param webBase the web server's address as the person asking reached it, ending in '/'
     */
    String setupUrl(String extension, String webBase);

    /** The app it is for, as the user sees it ("Linphone"). */
    String appName();
}
