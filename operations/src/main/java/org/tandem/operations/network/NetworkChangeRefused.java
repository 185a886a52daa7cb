package org.tandem.operations.network;

/** A network change that cannot be made now (not managed here, nothing to confirm, confirmed from the wrong address). */
public class NetworkChangeRefused extends RuntimeException {

    public NetworkChangeRefused(String message) {
        super(message);
    }
}
