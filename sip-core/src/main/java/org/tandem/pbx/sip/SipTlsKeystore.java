package org.tandem.pbx.sip;

import java.nio.file.Path;

/**
 * Where the SIP-TLS server certificate comes from when {@code tandem.sip.tls-keystore} is not set:
 * the appliance provides one that creates a self-signed certificate on first start and keeps it.
 */
public interface SipTlsKeystore {

    /** A PKCS#12 file holding the private key and certificate chain. */
    Path path();

    String password();
}
