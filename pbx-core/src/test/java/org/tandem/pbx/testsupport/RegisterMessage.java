package org.tandem.pbx.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Builds REGISTER requests as text, the way a phone on 127.0.0.1 would write them. */
public final class RegisterMessage {

    private final int serverPort;
    private final int localPort;
    private String user = "101";
    private String callId =
            "reg-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    private String fromTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private long cseq = 1;
    private String branch;
    private final List<String> contacts = new ArrayList<>();
    private final List<String> extra = new ArrayList<>();
    private String authorization;
    private String transport = "UDP";
    private String domain = PbxTestContext.DOMAIN;

    public RegisterMessage(int serverPort, int localPort) {
        this.serverPort = serverPort;
        this.localPort = localPort;
    }

    public RegisterMessage user(String u) {
        this.user = u;
        return this;
    }

    public RegisterMessage callId(String c) {
        this.callId = c;
        return this;
    }

    public RegisterMessage fromTag(String t) {
        this.fromTag = t;
        return this;
    }

    public RegisterMessage branch(String b) {
        this.branch = b;
        return this;
    }

    public RegisterMessage cseq(long c) {
        this.cseq = c;
        return this;
    }

    public long cseq() {
        return cseq;
    }

    /** A Contact header value, e.g. {@code <sip:101@127.0.0.1:5999>;expires=600}. */
    public RegisterMessage contact(String value) {
        contacts.add(value);
        return this;
    }

    public RegisterMessage clearContacts() {
        contacts.clear();
        return this;
    }

    public RegisterMessage header(String line) {
        extra.add(line);
        return this;
    }

    /** Transport named in the Via: UDP (default) or TCP. */
    public RegisterMessage transport(String t) {
        this.transport = t;
        return this;
    }

    /** The Authorization header value to send (null = none). */
    public RegisterMessage authorization(String value) {
        this.authorization = value;
        return this;
    }

    public RegisterMessage clearHeaders() {
        extra.clear();
        return this;
    }

    /** The SIP domain in the Request-URI, From and To (default {@link PbxTestContext#DOMAIN}). */
    public RegisterMessage domain(String d) {
        this.domain = d;
        return this;
    }

    public String requestUri() {
        return "sip:" + domain;
    }

    public String build() {
        String b = branch != null
                ? branch
                : "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        StringBuilder s = new StringBuilder()
                .append("REGISTER ")
                .append(requestUri())
                .append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/")
                .append(transport)
                .append(" 127.0.0.1:")
                .append(localPort)
                .append(";branch=")
                .append(b)
                .append(";rport\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:")
                .append(user)
                .append('@')
                .append(domain)
                .append(">;tag=")
                .append(fromTag)
                .append("\r\n")
                .append("To: <sip:")
                .append(user)
                .append('@')
                .append(domain)
                .append(">\r\n")
                .append("Call-ID: ")
                .append(callId)
                .append("\r\n")
                .append("CSeq: ")
                .append(cseq)
                .append(" REGISTER\r\n");
        for (String c : contacts) s.append("Contact: ").append(c).append("\r\n");
        for (String h : extra) s.append(h).append("\r\n");
        if (authorization != null)
            s.append("Authorization: ").append(authorization).append("\r\n");
        s.append("User-Agent: Tandem-Test/1.0\r\n");
        s.append("Content-Length: 0\r\n\r\n");
        return s.toString();
    }
}
