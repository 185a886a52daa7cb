package org.tandem.webui;

import com.vaadin.flow.server.VaadinServletRequest;
import jakarta.servlet.http.HttpServletRequest;

/** The web UI's address as the person at this page reached it: links made for them (e-mail, QR codes) work from there. */
public final class WebAddress {

    private WebAddress() {}

    /** scheme://host[:port]/context/, ending in '/', of the current Vaadin request. */
    public static String base() {
        HttpServletRequest r = ((VaadinServletRequest) VaadinServletRequest.getCurrent()).getHttpServletRequest();
        boolean defaultPort = ("http".equals(r.getScheme()) && r.getServerPort() == 80)
                || ("https".equals(r.getScheme()) && r.getServerPort() == 443);
        return r.getScheme() + "://" + r.getServerName() + (defaultPort ? "" : ":" + r.getServerPort())
                + r.getContextPath() + "/";
    }
}
