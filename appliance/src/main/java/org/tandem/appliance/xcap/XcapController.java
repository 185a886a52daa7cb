package org.tandem.appliance.xcap;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.xcap.Auid;
import org.tandem.pbx.xcap.XcapDocument;
import org.tandem.pbx.xcap.XcapDocuments;
import org.tandem.pbx.xcap.XcapException;

/**
 * The XCAP server (RFC 4825) on the appliance's web port: {@code /xcap-root/<auid>/users/sip:<user>@<domain>/index},
 * optionally followed by {@code /~~/} and a node selector (§6), for the resource-lists, rls-services and pres-rules usages, and
 * the server's capabilities at {@code /xcap-root/xcap-caps/global/index} (§12). Each user reads and writes only
 * their own documents: anyone else's, existing or not, is 403 alike.
 */
@RestController
class XcapController {

    static final String ROOT = "/xcap-root/";
    private static final Pattern XMLNS = Pattern.compile("xmlns\\(([^=()]+)=([^()]+)\\)");
    private static final String CAPS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <xcap-caps xmlns="urn:ietf:params:xml:ns:xcap-caps">
              <auids><auid>xcap-caps</auid><auid>resource-lists</auid><auid>rls-services</auid><auid>pres-rules</auid></auids>
              <extensions/>
              <namespaces>
                <namespace>urn:ietf:params:xml:ns:xcap-caps</namespace>
                <namespace>urn:ietf:params:xml:ns:xcap-error</namespace>
                <namespace>urn:ietf:params:xml:ns:resource-lists</namespace>
                <namespace>urn:ietf:params:xml:ns:rls-services</namespace>
                <namespace>urn:ietf:params:xml:ns:common-policy</namespace>
                <namespace>urn:ietf:params:xml:ns:pres-rules</namespace>
              </namespaces>
            </xcap-caps>
            """;

    private final XcapDocuments documents;
    private final XcapUsers users;
    private final SipDomain domain;

    XcapController(XcapDocuments documents, XcapUsers users, SipDomain domain) {
        this.documents = documents;
        this.users = users;
        this.domain = domain;
    }

    @RequestMapping("/xcap-root/**")
    ResponseEntity<byte[]> serve(HttpServletRequest request) {
        String user = users.authenticate(request);
        if (user == null) {
            ResponseEntity.BodyBuilder challenge = ResponseEntity.status(401);
            users.challenges().forEach(c -> challenge.header(HttpHeaders.WWW_AUTHENTICATE, c));
            return challenge.build();
        }
        try {
            return handle(request, user);
        } catch (XcapException e) {
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
            if (e.errorDocument() == null) {
                return answer.header(HttpHeaders.CONTENT_TYPE, "text/plain;charset=UTF-8")
                        .body(e.getMessage().getBytes(StandardCharsets.UTF_8));
            }
            return answer.header(HttpHeaders.CONTENT_TYPE, "application/xcap-error+xml")
                    .body(e.errorDocument().getBytes(StandardCharsets.UTF_8));
        }
    }

    private ResponseEntity<byte[]> handle(HttpServletRequest request, String user) {
        String path = request.getRequestURI().substring(ROOT.length());
        String method = request.getMethod();
        int tilde = path.indexOf("/~~/");
        String documentPart = tilde < 0 ? path : path.substring(0, tilde);
        String selector = tilde < 0 ? null : decode(path.substring(tilde + 4));
        String[] segments = documentPart.split("/");
        if (segments.length == 3
                && "xcap-caps".equals(segments[0])
                && "global".equals(segments[1])
                && "index".equals(segments[2])
                && selector == null) {
            if (!"GET".equals(method)) throw new XcapException(405, null, "The capabilities are read-only");
            return ResponseEntity.ok()
                    .header(HttpHeaders.CONTENT_TYPE, "application/xcap-caps+xml")
                    .body(CAPS.getBytes(StandardCharsets.UTF_8));
        }
        if (segments.length != 4 || !"users".equals(segments[1]) || !"index".equals(segments[3])) {
            throw new XcapException(404, null, "Tandem serves <auid>/users/<xui>/index documents");
        }
        Auid auid = Auid.of(segments[0]).orElseThrow(() -> new XcapException(404, null, "No such application usage"));
        String owner = owner(decode(segments[2]), user);
        XcapDocuments.Preconditions conditions =
                new XcapDocuments.Preconditions(request.getHeader("If-Match"), request.getHeader("If-None-Match"));
        Map<String, String> prefixes = prefixes(request.getQueryString());
        return switch (method) {
            case "GET" ->
                get(
                        selector == null ? document(owner, auid) : documents.get(owner, auid, selector, prefixes),
                        conditions);
            case "PUT" -> put(request, owner, auid, selector, prefixes, conditions);
            case "DELETE" -> {
                if (selector == null) {
                    documents.deleteDocument(owner, auid, conditions);
                    yield ResponseEntity.ok().build();
                }
                yield tagged(
                                ResponseEntity.ok(),
                                documents
                                        .deleteNode(owner, auid, selector, prefixes, conditions)
                                        .etag())
                        .build();
            }
            default -> throw new XcapException(405, null, "GET, PUT or DELETE");
        };
    }

    /** RFC 4825 §6.2: the XUI is the user's SIP URI; only the authenticated user's own (else 403, whoever it names). */
    private String owner(String xui, String user) {
        String uri = xui.startsWith("sip:") ? xui.substring(4) : xui;
        int at = uri.indexOf('@');
        String name = at < 0 ? uri : uri.substring(0, at);
        String host = at < 0 ? domain.current() : uri.substring(at + 1);
        if (!name.equals(user) || !domain.is(host)) throw new XcapException(403, null, "Only your own documents");
        return user;
    }

    private XcapDocuments.Selected document(String owner, Auid auid) {
        XcapDocument d =
                documents.find(owner, auid).orElseThrow(() -> new XcapException(404, null, "No such document"));
        return new XcapDocuments.Selected(d.xml(), auid.mimeType(), d.etag());
    }

    /**
     * A document or node that exists (else 404 before any precondition, RFC 7232 §5), under the preconditions of RFC
     * 4825 §7.11 on the document's entity tag: If-Match of another version is 412; If-None-Match of the current one is
     * 304 with its ETag and no body (RFC 7232 §4.1), what a client polling its buddy list sends.
     */
    private ResponseEntity<byte[]> get(XcapDocuments.Selected s, XcapDocuments.Preconditions conditions) {
        if (conditions.notModified(s.etag()))
            return tagged(ResponseEntity.status(304), s.etag()).build();
        return tagged(ResponseEntity.ok(), s.etag())
                .header(HttpHeaders.CONTENT_TYPE, s.mimeType())
                .body(s.content().getBytes(StandardCharsets.UTF_8));
    }

    private ResponseEntity<byte[]> put(
            HttpServletRequest request,
            String owner,
            Auid auid,
            String selector,
            Map<String, String> prefixes,
            XcapDocuments.Preconditions conditions) {
        byte[] body = body(request);
        String type = request.getContentType() == null
                ? ""
                : request.getContentType().split(";")[0].strip();
        XcapDocuments.Written written;
        if (selector == null) {
            // RFC 4825 §8.2.1: the usage's own MIME type
            if (!type.equalsIgnoreCase(auid.mimeType())) throw new XcapException(415, null, "Send " + auid.mimeType());
            written = documents.putDocument(owner, auid, body, conditions);
        } else {
            if (selector.endsWith("namespace::*"))
                throw new XcapException(405, null, "Namespace bindings are read-only");
            boolean attribute =
                    selector.substring(selector.lastIndexOf('/') + 1).startsWith("@");
            String wanted = attribute ? "application/xcap-att+xml" : "application/xcap-el+xml";
            if (!type.equalsIgnoreCase(wanted)) throw new XcapException(415, null, "Send " + wanted);
            written = documents.putNode(owner, auid, selector, prefixes, body, conditions);
        }
        return tagged(ResponseEntity.status(written.created() ? 201 : 200), written.etag())
                .build();
    }

    /** The request body, refused (413) above the limit before more than the limit is read. */
    private byte[] body(HttpServletRequest request) {
        int max = documents.maxBytes();
        if (request.getContentLengthLong() > max) throw new XcapException(413, null, "Larger than " + max + " bytes");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = request.getInputStream().readNBytes(max + 1);
            out.write(chunk);
            if (out.size() > max) throw new XcapException(413, null, "Larger than " + max + " bytes");
            return out.toByteArray();
        } catch (IOException e) {
            throw new XcapException(400, null, "The body could not be read");
        }
    }

    private static ResponseEntity.BodyBuilder tagged(ResponseEntity.BodyBuilder b, String etag) {
        return b.header(HttpHeaders.ETAG, "\"" + etag + "\"");
    }

    /** RFC 4825 §6.4: {@code xmlns(prefix=namespace)} pairs of the query. */
    private static Map<String, String> prefixes(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null) return out;
        Matcher m = XMLNS.matcher(decode(query));
        while (m.find()) out.put(m.group(1).strip(), m.group(2).strip());
        return out;
    }

    /** Percent-decoding of a path part (RFC 3986 §2.1): '+' stays a plus. */
    static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                try {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                    throw new XcapException(400, null, "Bad percent-encoding");
                }
            }
            byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
