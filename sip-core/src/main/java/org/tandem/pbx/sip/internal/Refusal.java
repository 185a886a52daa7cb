package org.tandem.pbx.sip.internal;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * Closing a refused connection from inside jain-sip's accept: the socket is shut down both ways rather than
 * closed, so that the stack still registers it with its selector (a closed one would make it log an error per
 * refused connection), then reads its end of stream at once and closes it the ordinary way.
 */
final class Refusal {

    private Refusal() {}

    static void close(SocketChannel client) {
        try {
            client.shutdownOutput(); // the peer sees the connection end now
            client.shutdownInput(); // and our selector reads end-of-stream: the stack closes it
        } catch (IOException e) {
            try {
                client.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
