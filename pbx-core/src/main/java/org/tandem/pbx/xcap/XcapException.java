package org.tandem.pbx.xcap;

/**
 * An XCAP request that cannot be carried out (RFC 4825 §11): the HTTP status, and for 409 the error element of
 * {@code application/xcap-error+xml} that says why (e.g. {@code <not-well-formed/>}).
 */
public class XcapException extends RuntimeException {

    private final int status;
    private final String errorElement;

    public XcapException(int status, String errorElement, String message) {
        super(message);
        this.status = status;
        this.errorElement = errorElement;
    }

    public int status() {
        return status;
    }

    /** The child of {@code <xcap-error>} (RFC 4825 §11.2), or null when the status says it all. */
    public String errorElement() {
        return errorElement;
    }

    /** The whole {@code application/xcap-error+xml} body, or null. */
    public String errorDocument() {
        return errorElement == null
                ? null
                : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<xcap-error xmlns=\"urn:ietf:params:xml:ns:xcap-error\">" + errorElement + "</xcap-error>\n";
    }

    public static XcapException conflict(String errorElement, String message) {
        return new XcapException(409, errorElement, message);
    }
}
