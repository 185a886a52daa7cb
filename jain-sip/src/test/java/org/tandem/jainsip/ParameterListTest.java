package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.core.NameValue;
import gov.nist.core.NameValueList;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.parser.ViaParser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Patch 0022 (patches/0022-parameters-in-an-array.patch): a parameter list keeps its parameters in one array instead
 * of a LinkedHashMap, with the LinkedHashMap's behaviour.
 *
 * <p>Unpatched jain-sip (and 0001–0021 alone) fails {@link #fourParametersCostTwoObjectsBesideTheList}: its map
 * makes a table four times as it grows and an entry per parameter.
 */
class ParameterListTest {

    private static final String[] NAMES = {"branch", "rport", "received", "tag", "lr", "transport", "Maddr", "TTL"};

    /**
     * Random sets, puts, deletes and removals through the views, each list compared with a LinkedHashMap given the
     * same operations: order, values, the views and what the list encodes.
     */
    @Test
    void behavesAsTheLinkedHashMapItReplaces() {
        Random random = new Random(22);
        for (int run = 0; run < 300; run++) {
            NameValueList list = new NameValueList();
            Map<String, NameValue> expected = new LinkedHashMap<>();
            for (int step = 0; step < 40; step++) {
                String name = NAMES[random.nextInt(NAMES.length)];
                String key = name.toLowerCase();
                switch (random.nextInt(6)) {
                    case 0, 1, 2 -> {
                        NameValue value = new NameValue(name, "v" + step);
                        list.set(value);
                        expected.put(key, value);
                    }
                    case 3 -> assertThat(list.delete(name)).isEqualTo(expected.remove(key) != null);
                    case 4 -> {
                        Iterator<String> names = list.getNames();
                        while (names.hasNext()) {
                            if (names.next().equals(key)) names.remove();
                        }
                        expected.remove(key);
                    }
                    default -> {
                        for (Map.Entry<String, NameValue> entry : list.entrySet()) {
                            if (entry.getKey().equals(key)) {
                                NameValue value = new NameValue(name, "set" + step);
                                assertThat(entry.setValue(value)).isSameAs(expected.put(key, value));
                                assertThat(entry.getValue()).isSameAs(value);
                            }
                        }
                    }
                }
                assertThat(list.size()).isEqualTo(expected.size());
                assertThat(new ArrayList<>(list.keySet())).containsExactlyElementsOf(expected.keySet());
                assertThat(new ArrayList<>(list.values())).containsExactlyElementsOf(expected.values());
                assertThat(list.entrySet()).isEqualTo(expected.entrySet());
                assertThat(list.hashCode()).isEqualTo(expected.keySet().hashCode());
                assertThat(list.getNameValue(name.toUpperCase())).isSameAs(expected.get(key));
                assertThat(list.hasNameValue(name)).isEqualTo(expected.containsKey(key));
                List<String> encoded = new ArrayList<>();
                expected.values().forEach(value -> encoded.add(value.encode()));
                assertThat(list.encode()).isEqualTo(String.join(";", encoded));
            }
            NameValueList copy = (NameValueList) list.clone();
            assertThat(copy).isEqualTo(list);
            assertThat(copy.encode()).isEqualTo(list.encode());
        }
    }

    @Test
    void aValueSetAgainKeepsItsPlaceAndAnEmptyListEncodesNothing() throws Exception {
        Via via = (Via)
                ((ViaList) new ViaParser("Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK-1;rport;ttl=2\n").parse())
                        .getFirst();
        via.setParameter("branch", "z9hG4bK-2");
        via.setReceived("198.51.100.7");
        via.setRPort();
        assertThat(via.encode())
                .isEqualTo("Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK-2;rport;ttl=2;received=198.51.100.7\r\n");
        via.removeParameter("rport");
        via.removeParameter("ttl");
        assertThat(via.encode())
                .isEqualTo("Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK-2;received=198.51.100.7\r\n");
        assertThat(new NameValueList().encode()).isEmpty();
        Iterator<NameValue> none = new NameValueList().iterator();
        assertThat(none.hasNext()).isFalse();
    }

    /** A list of four parameters: the list, its map and the map's array (grown once), nothing per parameter. */
    @Test
    void fourParametersCostTwoObjectsBesideTheList() throws Exception {
        NameValue[] parameters = {
            new NameValue("branch", "z9hG4bK-1"), new NameValue("rport", "5060"),
            new NameValue("received", "198.51.100.7"), new NameValue("ttl", "2")
        };
        long bytes = HeaderParserLookupTest.bytesPerCall(() -> {
            NameValueList list = new NameValueList();
            for (NameValue parameter : parameters) list.set(parameter);
            return list;
        });
        // list 24, map 24, its array of 4 then 8 slots 32 + 48: 128 (a LinkedHashMap's: ~330)
        assertThat(bytes).isLessThanOrEqualTo(160);
    }
}
