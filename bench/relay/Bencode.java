import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencoding, as rtpengine's ng control protocol uses it (a dictionary per message): byte strings {@code 4:spam},
 * integers {@code i3e}, lists {@code l...e} and dictionaries {@code d...e} with keys sorted as raw strings.
 * Strings decode to {@link String} (ISO-8859-1, so any byte survives a round trip), integers to {@link Long}.
 */
final class Bencode {

    private Bencode() {
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encode(value, out);
        return out.toByteArray();
    }

    private static void encode(Object value, ByteArrayOutputStream out) {
        if (value instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            out.writeBytes((b.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(b);
        } else if (value instanceof Number n) {
            out.writeBytes(("i" + n.longValue() + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof List<?> list) {
            out.write('l');
            list.forEach(v -> encode(v, out));
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            out.write('d');
            new TreeMap<>(map).forEach((k, v) -> {
                encode((String) k, out);
                encode(v, out);
            });
            out.write('e');
        } else {
            throw new IllegalArgumentException("cannot bencode " + value);
        }
    }

    static Object decode(byte[] data, int offset, int length) {
        Reader r = new Reader(data, offset, offset + length);
        Object v = r.value();
        if (r.pos != r.end) throw new IllegalArgumentException("trailing bytes after bencoded value at " + r.pos);
        return v;
    }

    private static final class Reader {
        final byte[] b;
        final int end;
        int pos;

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        Object value() {
            if (pos >= end) throw new IllegalArgumentException("truncated bencoded value");
            byte c = b[pos];
            if (c == 'i') {
                int e = indexOf('e', ++pos);
                long v = Long.parseLong(new String(b, pos, e - pos, StandardCharsets.US_ASCII));
                pos = e + 1;
                return v;
            }
            if (c == 'l') {
                pos++;
                List<Object> list = new ArrayList<>();
                while (peek() != 'e') list.add(value());
                pos++;
                return list;
            }
            if (c == 'd') {
                pos++;
                Map<String, Object> map = new LinkedHashMap<>();
                while (peek() != 'e') {
                    Object k = value();
                    if (!(k instanceof String key)) throw new IllegalArgumentException("dictionary key is not a string");
                    map.put(key, value());
                }
                pos++;
                return map;
            }
            if (c >= '0' && c <= '9') {
                int colon = indexOf(':', pos);
                int len = Integer.parseInt(new String(b, pos, colon - pos, StandardCharsets.US_ASCII));
                if (colon + 1 + len > end) throw new IllegalArgumentException("truncated string at " + pos);
                String s = new String(b, colon + 1, len, StandardCharsets.ISO_8859_1);
                pos = colon + 1 + len;
                return s;
            }
            throw new IllegalArgumentException("unexpected '" + (char) c + "' at " + pos);
        }

        byte peek() {
            if (pos >= end) throw new IllegalArgumentException("unterminated list or dictionary");
            return b[pos];
        }

        int indexOf(char c, int from) {
            for (int i = from; i < end; i++) if (b[i] == c) return i;
            throw new IllegalArgumentException("missing '" + c + "' after " + from);
        }
    }
}
