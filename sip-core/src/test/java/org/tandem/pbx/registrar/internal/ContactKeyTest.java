package org.tandem.pbx.registrar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javax.sip.address.URI;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.sip.RawSyntax;

/** RFC 3261 §19.1.4 URI comparison, as far as a single key can express it. */
class ContactKeyTest {

    static boolean same(String a, String b) {
        return ContactKey.of(a).equals(ContactKey.of(b));
    }

    @Test
    void equivalentUrisFromTheRfc() {
        assertThat(same("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"))
                .isTrue();
        assertThat(same("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"))
                .isTrue();
        assertThat(same("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;newparam=5"))
                .isTrue();
        assertThat(same("sip:alice@192.0.2.4", "sip:alice@192.0.2.4")).isTrue();
    }

    @Test
    void differentUrisFromTheRfc() {
        assertThat(same("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"))
                .isFalse();
        assertThat(same("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")).isFalse();
        assertThat(same("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"))
                .isFalse();
        assertThat(same("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"))
                .isFalse();
        assertThat(same("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"))
                .isTrue();
        assertThat(same("sips:alice@atlanta.com", "sip:alice@atlanta.com")).isFalse();
        assertThat(same("sip:alice@atlanta.com:5070", "sip:alice@atlanta.com:5071"))
                .isFalse();
    }

    @Test
    void digestFitsTheColumn() {
        assertThat(ContactKey.digest(ContactKey.of("sip:101@10.0.0.1:5060"))).hasSize(64);
    }

    /** Contact URIs in the forms a raw REGISTER accepts: users, hosts, ports and parameters phones write. */
    static List<String> checkedContacts() {
        String[] users = {"3000", "alice", "a.b-c_d", "+4930123", "u!~*'()&=+$/"};
        String[] hosts = {"127.0.0.1", "pbx.example.com", "a-b.c9"};
        String[] ports = {"", ":5060", ":1", ":65535"};
        String[] params = {
            "",
            ";transport=udp",
            ";transport=TCP",
            ";Transport=tls",
            ";line=abc123",
            ";ob",
            ";lr",
            ";user=phone",
            ";ttl=15",
            ";TTL=Ab",
            ";maddr=239.1.1.1",
            ";method=REGISTER",
            ";x-foo=a:b",
            ";rinstance=6f8dc969b62d1466",
            ";transport=udp;line=x;ob",
            ";user=phone;transport=tcp;maddr=Example.COM",
            ";Method;transport"
        };
        List<String> out = new ArrayList<>();
        for (String user : users)
            for (String host : hosts)
                for (String port : ports)
                    for (String param : params) out.add("sip:" + user + "@" + host + port + param);
        return out;
    }

    @Test
    void aCheckedContactReadFromItsTextAsTheStackParsesAndWritesIt() {
        List<String> contacts = checkedContacts();
        for (String contact : contacts) {
            assertThat(RawSyntax.sipUri(contact, 0, contact.length(), true))
                    .as("a raw REGISTER's form: %s", contact)
                    .isTrue();
            URI parsed = ContactKey.uri(contact);
            ContactKey.Read read = ContactKey.ofChecked(contact);
            assertThat(read).as(contact).isNotNull();
            assertThat(read.uri())
                    .as("stored as the stack writes it: %s", contact)
                    .isEqualTo(parsed.toString());
            assertThat(read.key()).as("the key of %s", contact).isEqualTo(ContactKey.of(parsed));
        }
        assertThat(contacts).hasSize(5 * 3 * 4 * 17);
    }

    @Test
    void whatTheStackMightWriteOrKeyOtherwiseIsLeftToItsParse() {
        for (String contact : List.of(
                "sip:alice@PBX.example.com",
                "sip:alice@pbx.example.com:05060",
                "sip:alice@pbx.example.com:70000",
                "sip:alice@pbx.example.com;transport=udp;transport=tcp",
                "sips:alice@pbx.example.com",
                "SIP:alice@pbx.example.com")) {
            assertThat(ContactKey.ofChecked(contact)).as(contact).isNull();
        }
    }
}
