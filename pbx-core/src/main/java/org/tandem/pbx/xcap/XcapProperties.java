package org.tandem.pbx.xcap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.tandem.settings.PropertyDefaults;

/**
 * The XCAP server ({@code tandem.xcap.*}, RFC 4825).
 *
 * @param maxDocumentBytes the largest document a client may store; larger ones get 413
 * @param rootUrl          the XCAP root as clients reach it (e.g. {@code https://pbx.example.com/xcap-root/}), sent in
 *                         xcap-diff NOTIFYs; empty: {@code http://<SIP advertised host>:<server.port>/xcap-root/}
 */
@ConfigurationProperties("tandem.xcap")
public record XcapProperties(@DefaultValue("256KB") DataSize maxDocumentBytes, String rootUrl) {

    public XcapProperties {
        if (maxDocumentBytes == null) maxDocumentBytes = PropertyDefaults.of(XcapProperties.class, "maxDocumentBytes");
        if (rootUrl != null && rootUrl.isBlank()) rootUrl = null;
    }
}
