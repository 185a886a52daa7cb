package org.tandem.media.internal.jmf;

import java.util.Vector;
import javax.media.PackageManager;

/**
 * Puts Tandem's JMF protocol prefix first, ahead of libjitsi's, so that {@code RTPManager.newInstance()} builds
 * {@link org.tandem.media.internal.jmf.media.rtp.RTPSessionMgr}. Called once, after libjitsi has registered its own
 * prefixes (it puts them at the head of the list when it starts).
 */
public final class JmfPrefix {

    public static final String PREFIX = "org.tandem.media.internal.jmf";

    private JmfPrefix() {}

    @SuppressWarnings("unchecked")
    public static synchronized void registerFirst() {
        Vector<String> prefixes = PackageManager.getProtocolPrefixList();
        prefixes.remove(PREFIX);
        prefixes.add(0, PREFIX);
        PackageManager.setProtocolPrefixList(prefixes); // in memory only: nothing written to the registry file
    }
}
