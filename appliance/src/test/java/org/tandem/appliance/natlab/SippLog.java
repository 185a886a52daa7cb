package org.tandem.appliance.natlab;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.tandem.appliance.blackbox.Sipp;

/** Reading a SIPp phone's message log (-trace_msg): what it received, and where the SDP in it sends the audio. */
public final class SippLog {

    /** Where an SDP's audio goes: its effective connection address and the audio port (RFC 4566 §5.7, §5.14). */
    public record MediaAddress(String host, int port) {}

    private static final Pattern BLOCK_SEPARATOR = Pattern.compile("-{20,}[^\\n]*\\n");
    private static final Pattern CONNECTION = Pattern.compile("^c=IN IP4 (\\S+)", Pattern.MULTILINE);
    private static final Pattern RECORD_ROUTE =
            Pattern.compile("^Record-Route:\\s*(.*)$", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final Pattern CSEQ =
            Pattern.compile("^CSeq:\\s*(\\d+)", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

    private SippLog() {}

    /** The messages a SIPp phone received (the ones it sent carry its own addresses and are left out). */
    static String received(String log) {
        StringBuilder out = new StringBuilder();
        for (String block : BLOCK_SEPARATOR.split(log)) {
            if (block.contains("message received")) out.append(block);
        }
        return out.toString();
    }

    /** As {@link #received}, without the answers to its REGISTERs (they list the phone's own Contacts). */
    static String receivedInCalls(String log) {
        StringBuilder out = new StringBuilder();
        for (String block : BLOCK_SEPARATOR.split(log)) {
            if (block.contains("message received") && !block.matches("(?s).*\\nCSeq:\\s*\\d+ REGISTER.*"))
                out.append(block);
        }
        return out.toString();
    }

    /** True when {@code phone} received a {@code status} response whose CSeq is {@code cseq} (e.g. "2 BYE"). */
    static boolean receivedResponse(String log, int status, String cseq) {
        Pattern wanted = Pattern.compile(
                "^CSeq:\\s*" + Pattern.quote(cseq) + "\\s*$", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
        for (String block : BLOCK_SEPARATOR.split(log)) {
            if (!block.contains("message received")) continue;
            String message = block.substring(block.indexOf('\n') + 1).stripLeading();
            if (message.startsWith("SIP/2.0 " + status + " ")
                    && wanted.matcher(message).find()) return true;
        }
        return false;
    }

    /**
     * Waits until {@code phone} received a message whose first line starts with {@code startLine} and that carries
     * an audio SDP, with CSeq number {@code cseq} (0: any, the first such message), and returns its media address.
     */
    public static MediaAddress awaitReceivedSdp(Sipp.Running phone, String startLine, long cseq) {
        return awaitReceivedSdp(phone, startLine, cseq, "audio");
    }

    /** As above, for the first m-line of {@code media} (audio, video) with a port other than 0. */
    static MediaAddress awaitReceivedSdp(Sipp.Running phone, String startLine, long cseq, String media) {
        return Awaitility.await("'" + startLine + "' with " + media + " SDP (CSeq " + cseq + ") received by SIPp")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> find(phone.messages(), startLine, cseq, media), a -> a != null);
    }

    private static MediaAddress find(String log, String startLine, long cseq, String media) {
        Pattern stream = Pattern.compile("^m=" + media + " ([1-9]\\d*) ", Pattern.MULTILINE);
        for (String block : BLOCK_SEPARATOR.split(log)) {
            if (!block.contains("message received")) continue;
            int start = block.indexOf('\n');
            String message = block.substring(start + 1).stripLeading();
            if (!message.startsWith(startLine)) continue;
            Matcher c = CONNECTION.matcher(message);
            Matcher m = stream.matcher(message);
            if (!c.find() || !m.find()) continue;
            if (cseq != 0) {
                Matcher n = CSEQ.matcher(message);
                if (!n.find() || Long.parseLong(n.group(1)) != cseq) continue;
            }
            return new MediaAddress(c.group(1), Integer.parseInt(m.group(1)));
        }
        return null;
    }

    /**
     * Of every received message with Record-Route, the entry that the phone's requests go to first (RFC 3261 §12.1.1,
     * §12.1.2): the first for a request it received as the callee, the last for a response it received as the caller.
     * With a double Record-Route (RFC 5658) the other entry faces the other party and may name another address.
     */
    static java.util.List<String> facingRecordRoutes(String log) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String block : BLOCK_SEPARATOR.split(log)) {
            if (!block.contains("message received")) continue;
            String message = block.substring(block.indexOf('\n') + 1).stripLeading();
            java.util.List<String> entries = new java.util.ArrayList<>();
            Matcher rr = RECORD_ROUTE.matcher(message);
            while (rr.find()) {
                for (String e : rr.group(1).split(",(?=\\s*<)")) entries.add(e.strip());
            }
            if (entries.isEmpty()) continue;
            out.add(message.startsWith("SIP/2.0") ? entries.get(entries.size() - 1) : entries.get(0));
        }
        return out;
    }
}
