package org.tandem.pbx.registrar.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import javax.sip.InvalidArgumentException;
import javax.sip.header.ContactHeader;
import javax.sip.header.DateHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/** Step 8 of RFC 3261 §10.3: the 200 OK of a REGISTER, listing every current binding of the AOR. */
final class RegisterOk {

    private static final TimeZone GMT = TimeZone.getTimeZone("GMT");

    private final SipResponder responder;
    private final SipTransports transports;
    private final LocationTable table;
    private final Clock clock;
    /** The Date header of the current second (any stripe may replace it; each response gets a copy). */
    private volatile DateOfSecond lastDate;

    RegisterOk(SipResponder responder, SipTransports transports, LocationTable table, Clock clock) {
        this.responder = responder;
        this.transports = transports;
        this.table = table;
        this.clock = clock;
    }

    /** The 200 OK listing every current binding of {@code user} with its remaining time, and a Date header. */
    Response of(Request request, String user) {
        Response ok = responder.create(request, Response.OK);
        HeaderFactory headers = transports.headerFactory();
        Instant now = clock.instant();
        try {
            for (Binding b : table.lookup(user)) {
                ContactHeader c = headers.createContactHeader(transports
                        .addressFactory()
                        .createAddress(transports.addressFactory().createURI(b.contactUri())));
                c.setExpires((int) secondsLeft(b, now));
                ok.addHeader(c);
            }
            ok.addHeader(date(headers, now));
            if (RegisterContacts.asksForOutbound(request)) {
                // RFC 5626 §6: the registrar uses outbound for this flow (requests reach the UA over it, see the
                // proxy's flow tokens) and says how often the UA must keep it alive (§5.4, §4.4.1)
                ok.addHeader(headers.createRequireHeader("outbound"));
                ok.addHeader(headers.createHeader(
                        "Flow-Timer",
                        Long.toString(
                                transports.properties().keepaliveInterval().toSeconds())));
            }
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("Cannot list bindings of " + user, e);
        }
        return ok;
    }

    /**
     * The same 200's header lines after CSeq, as text, for a REGISTER answered from its datagram ({@link RawRegister},
     * never outbound there): a Contact per binding with its remaining time and the Date, as {@link #of} writes them.
     */
    List<String> lines(String user) {
        Instant now = clock.instant();
        List<String> lines = new ArrayList<>(4);
        for (Binding b : table.lookup(user)) {
            lines.add("Contact: <" + b.contactUri() + ">;expires=" + secondsLeft(b, now));
        }
        lines.add(dateOfSecond(transports.headerFactory(), now).text());
        return lines;
    }

    /** A binding's remaining time in whole seconds, rounded up, at least 1 (RFC 3261 §10.3 step 8). */
    private static long secondsLeft(Binding b, Instant now) {
        return Math.max(1, (Duration.between(now, b.expiresAt()).toMillis() + 999) / 1000);
    }

    /**
     * The Date header (RFC 3261 §20.17: RFC 1123 date, to the second): made once a second and copied, as a Calendar
     * in GMT and its header cost more than the rest of the 200's headers (issue 23).
     */
    private Header date(HeaderFactory headers, Instant now) {
        return (Header) dateOfSecond(headers, now).header().clone();
    }

    private DateOfSecond dateOfSecond(HeaderFactory headers, Instant now) {
        long second = now.getEpochSecond();
        DateOfSecond d = lastDate;
        if (d == null || d.second() != second) {
            Calendar date = Calendar.getInstance(GMT);
            date.setTimeInMillis(second * 1000);
            DateHeader header = headers.createDateHeader(date);
            d = new DateOfSecond(second, header, header.toString().strip());
            lastDate = d;
        }
        return d;
    }

    /** @param text the header line as the stack writes it, without its CRLF */
    private record DateOfSecond(long second, DateHeader header, String text) {}
}
