package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.appliance.testsupport.PhoneHttp;
import org.tandem.provisioning.device.DeviceDirectory;

/**
 * What a phone gets from {@code /prov/} at first contact (issue 22): nothing until an admin accepts it, then its
 * credentials only at its own URL and only to the accepted address; the phone's own HTTP credentials (Basic and RFC
 * 7616 digest), failed logins and bans for MAC scans; each vendor's first file leading to its credentials. Run per
 * database by its subclasses. Each test is its own phone: own MAC, own extensions (56xx, shared with
 * {@link DevicesApiContract}), own 127.0.0.x source address.
 */
abstract class PhoneFirstContactApiContract extends ApiTestBase {

    static final String YEALINK_UA = "Yealink SIP-T46S 66.86.0.15 ";

    @Autowired
    DeviceDirectory devices;

    private PhoneHttp yealink(String source, String macColons) {
        return new PhoneHttp(source, port, YEALINK_UA + macColons);
    }

    private String provisioningPassword(String mac) {
        return devices.secrets(mac).orElseThrow().provisioningPassword();
    }

    @Test
    void anUnknownPhoneWaitsUntilAcceptedThenGetsItsCredentialsOnlyAtItsOwnUrl() {
        ensureUser("5611");
        PhoneHttp phone = yealink("127.0.0.61", "00:15:65:61:10:01");

        // first contact: nothing of the phone's until an admin accepts it; it appears, unassigned and waiting
        PhoneHttp.Response first = phone.get("/prov/001565611001.boot");
        assertThat(first.status()).isEqualTo(404);
        JsonNode unassigned = admin.get("/api/v1/devices/001565611001").json();
        assertThat(unassigned.get("assigned").asBoolean()).isFalse();
        assertThat(unassigned.get("vendor").asText()).isEqualTo("yealink");
        assertThat(unassigned.get("model").asText()).isEqualTo("SIP-T46S");
        assertThat(unassigned.get("firmware").asText()).isEqualTo("66.86.0.15");
        assertThat(unassigned.get("provisioningUrlHandedOut").asBoolean()).isFalse();
        JsonNode contact = unassigned.get("firstContact");
        assertThat(contact.get("waiting").asBoolean()).isTrue();
        assertThat(contact.get("source").asText()).isEqualTo("127.0.0.61");
        assertThat(contact.get("userAgent").asText()).startsWith("Yealink SIP-T46S");
        assertThat(admin.get("/api/v1/devices?waiting=true").json().findValuesAsText("mac"))
                .contains("001565611001");

        // accepted for the address it came from: its next request is handed its own URL
        Response accepted = admin.post("/api/v1/devices/001565611001/accept?source=127.0.0.61", "");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("firstContact").get("acceptedSource").asText())
                .isEqualTo("127.0.0.61");
        assertThat(admin.get("/api/v1/devices?waiting=true").json().findValuesAsText("mac"))
                .doesNotContain("001565611001");
        PhoneHttp.Response boot = phone.get("/prov/001565611001.boot");
        assertThat(boot.status()).isEqualTo(200);
        String url = boot.body().replaceAll("(?s).*include:config \"(http[^\"]+/d/[^/]+/)001565611001\\.cfg\".*", "$1");
        assertThat(url).startsWith("http://127.0.0.1:" + port + "/prov/d/");
        String tokenPath = url.substring(url.indexOf("/prov/"));
        assertThat(phone.get(tokenPath + "001565611001.cfg").body())
                .contains("account.1.enable = 0")
                .doesNotContain("password");
        assertThat(admin.get("/api/v1/devices/001565611001")
                        .json()
                        .path("firstContact")
                        .isMissingNode())
                .isTrue();

        // the admin assigns it; at its own URL the phone now gets the secret, elsewhere nobody does
        assertThat(admin.put("/api/v1/devices/001565611001", "{\"lines\":[\"5611\"]}")
                        .status())
                .isEqualTo(200);
        PhoneHttp.Response config = phone.get(tokenPath + "001565611001.cfg");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.headers().get("cache-control")).isEqualTo("no-store");
        assertThat(config.body()).contains("account.1.password = s3cret-5611").contains("account.1.user_name = 5611");
        // a plain request (DHCP option 66 winning, or a stranger) gets nothing, and nothing that disables the line
        PhoneHttp.Response plain = phone.get("/prov/001565611001.cfg");
        assertThat(plain.status()).isEqualTo(404);
        assertThat(plain.body())
                .doesNotContain("s3cret-5611")
                .doesNotContain(tokenPath)
                .doesNotContain("enable = 0");
        assertThat(phone.get("/prov/001565611001.boot").status()).isEqualTo(404);
        // the phonebook (every user's name and extension) only for a proven phone
        assertThat(phone.get("/prov/yealink-directory.xml").status()).isEqualTo(404);
        assertThat(phone.get(tokenPath + "yealink-directory.xml").body())
                .contains("<Name>User 5611</Name>")
                .contains("<Telephone>5611</Telephone>");

        assertThat(admin.get("/api/v1/devices/001565611001/fetches").json().findValuesAsText("result"))
                .containsExactly(
                        "COMMON",
                        "WAITING_FOR_ACCEPTANCE",
                        "WAITING_FOR_ACCEPTANCE",
                        "CONFIG_WITH_CREDENTIALS",
                        "CONFIG_WITHOUT_CREDENTIALS",
                        "TOKEN_HANDED_OUT",
                        "WAITING_FOR_ACCEPTANCE");
        assertThat(admin.get("/api/v1/provisioning/fetches").json().findValuesAsText("result"))
                .contains("NOT_FOUND", "COMMON");
        assertThat(admin.get("/api/v1/devices/001565611001")
                        .json()
                        .get("lastFetchSource")
                        .asText())
                .isEqualTo("127.0.0.61");
        assertThat(admin.get("/api/v1/provisioning/fetches").body()).doesNotContain(tokenPath);
    }

    /**
     * Issue 22 finding 2: a phone an admin pre-added with a line is not handed its private URL (nor its secret)
     * by an anonymous request; an acceptance holds for the address the admin saw, once, within the window.
     */
    @Test
    void aPreAddedPhonesSecretsGoToNoAnonymousAskerOnlyToTheAcceptedAddressOnce() {
        ensureUser("5671");
        assertThat(admin.post("/api/v1/devices", "{\"mac\":\"001565671001\",\"lines\":[\"5671\"]}")
                        .status())
                .isEqualTo(201);
        PhoneHttp attacker = yealink("127.0.0.67", "00:15:65:67:10:01");
        PhoneHttp phone = yealink("127.0.0.68", "00:15:65:67:10:01");

        for (String file : new String[] {"001565671001.boot", "001565671001.cfg"}) {
            PhoneHttp.Response r = attacker.get("/prov/" + file);
            assertThat(r.status()).as(file).isEqualTo(404);
            assertThat(r.body()).doesNotContain("s3cret-5671").doesNotContain("/prov/d/");
        }
        assertThat(admin.get("/api/v1/devices/001565671001")
                        .json()
                        .get("firstContact")
                        .get("source")
                        .asText())
                .isEqualTo("127.0.0.67");
        // the real phone asks too: what waits is now the phone; the admin's view of the attacker is stale
        phone.get("/prov/001565671001.boot");
        Response stale = admin.post("/api/v1/devices/001565671001/accept?source=127.0.0.67", "");
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.json().get("fields").get("source").asText()).contains("waiting from 127.0.0.68");
        assertThat(admin.post("/api/v1/devices/001565671001/accept?source=127.0.0.68", "")
                        .status())
                .isEqualTo(200);

        // the attacker at its own address still gets nothing; the accepted address gets its URL until it uses it
        assertThat(attacker.get("/prov/001565671001.boot").status()).isEqualTo(404);
        PhoneHttp.Response boot = phone.get("/prov/001565671001.boot");
        assertThat(boot.status()).isEqualTo(200);
        String tokenPath = boot.body()
                .replaceAll("(?s).*include:config \"http[^\"]+?(/prov/d/[^/]+/)001565671001\\.cfg\".*", "$1");
        assertThat(tokenPath).startsWith("/prov/d/");
        assertThat(phone.get("/prov/001565671001.boot").body())
                .as("asked again in the same boot")
                .contains(tokenPath);
        assertThat(phone.get(tokenPath + "001565671001.cfg").body()).contains("account.1.password = s3cret-5671");
        assertThat(phone.get("/prov/001565671001.boot").status())
                .as("used: it has its URL")
                .isEqualTo(404);
        assertThat(attacker.get("/prov/001565671001.boot").status()).isEqualTo(404);
        // what waited from the attacker's address since is still shown, until the admin dismisses it
        assertThat(admin.get("/api/v1/devices/001565671001")
                        .json()
                        .get("firstContact")
                        .get("source")
                        .asText())
                .isEqualTo("127.0.0.67");
        assertThat(admin.delete("/api/v1/devices/001565671001/first-contact").status())
                .isEqualTo(204);
        assertThat(admin.get("/api/v1/devices/001565671001")
                        .json()
                        .path("firstContact")
                        .isMissingNode())
                .isTrue();
    }

    @Test
    void thePhonesOwnHttpCredentialsWorkAndWrongOnesCountAsFailedLogins() {
        ensureUser("5621");
        admin.post("/api/v1/devices", "{\"mac\":\"001565621001\",\"lines\":[\"5621\"]}");
        PhoneHttp phone = yealink("127.0.0.62", "00:15:65:62:10:01");
        String password = provisioningPassword("001565621001");

        PhoneHttp.Response ok = phone.get("/prov/001565621001.cfg", "001565621001", password);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).contains("account.1.password = s3cret-5621");

        PhoneHttp.Response wrong = phone.get("/prov/001565621001.cfg", "001565621001", "guess");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.headers().get("www-authenticate")).startsWith("Basic");
        assertThat(bans.recorded()).anySatisfy(f -> assertThat(f).startsWith("127.0.0.62 provisioning"));
        phone.get("/prov/d/not-a-token/001565621001.cfg");
        phone.get("/prov/001565621001.cfg", "001565621001", "guess-again");
        // FakeBanRegistry bans at 3 failures: a banned source gets nothing more, not even common files
        assertThat(phone.get("/prov/y000000000000.boot").status()).isEqualTo(403);
        assertThat(new PhoneHttp("127.0.0.1", port, null)
                        .get("/prov/y000000000000.boot")
                        .status())
                .isEqualTo(200);
    }

    /** RFC 7616: /prov/a/ asks for the phone's MAC and provisioning password; a digest answer proves them. */
    @Test
    void aPhoneLogsInWithHttpDigestOnTheLoginUrl() throws Exception {
        ensureUser("5631");
        admin.post("/api/v1/devices", "{\"mac\":\"001565631001\",\"lines\":[\"5631\"]}");
        PhoneHttp phone = yealink("127.0.0.66", "00:15:65:63:10:01");
        String password = provisioningPassword("001565631001");
        assertThat(admin.get("/api/v1/devices/001565631001")
                        .json()
                        .get("provisioningPassword")
                        .asText())
                .isEqualTo(password);
        assertThat(admin.get("/api/v1/devices").body()).as("not in the list").doesNotContain(password);
        String uri = "/prov/a/001565631001.cfg";

        PhoneHttp.Response challenge = phone.get(uri);
        assertThat(challenge.status()).isEqualTo(401);
        java.util.List<String> schemes = challenge.all("WWW-Authenticate");
        assertThat(schemes).hasSize(3);
        assertThat(schemes.get(0)).startsWith("Digest ").contains("algorithm=SHA-256", "qop=\"auth\"");
        assertThat(schemes.get(1)).startsWith("Digest ").contains("algorithm=MD5");
        assertThat(schemes.get(2)).startsWith("Basic ");
        assertThat(phone.get("/prov/a/y000000000000.boot").status())
                .as("common files need no login")
                .isEqualTo(200);

        String nonce = java.util.regex.Pattern.compile("nonce=\"([^\"]+)\"")
                .matcher(schemes.get(0))
                .results()
                .findFirst()
                .orElseThrow()
                .group(1);
        PhoneHttp.Response ok = phone.getAuthorized(uri, digest("SHA-256", "001565631001", password, uri, nonce));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body())
                .contains("account.1.password = s3cret-5631")
                .contains("static.auto_provision.server.url = http://127.0.0.1:" + port + "/prov/a/");
        assertThat(phone.getAuthorized(uri, digest("MD5", "001565631001", password, uri, nonce))
                        .status())
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/devices/001565631001/fetches").json().findValuesAsText("result"))
                .contains("CHALLENGED", "CONFIG_WITH_CREDENTIALS");

        PhoneHttp.Response wrong = phone.getAuthorized(uri, digest("SHA-256", "001565631001", "guess", uri, nonce));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("s3cret-5631");
        assertThat(bans.recorded()).anySatisfy(f -> assertThat(f).startsWith("127.0.0.66 provisioning"));
    }

    @Test
    void aSourceAskingForManyMacsIsBanned() {
        PhoneHttp scanner = new PhoneHttp("127.0.0.63", port, "Yealink SIP-T46S 66.86.0.15");
        for (int i = 0; i < 20 && !bans.isBanned("127.0.0.63"); i++) {
            // nothing of any phone: each one waits for acceptance, and past the limit the source is scanning
            assertThat(scanner.get(String.format("/prov/0015656300%02d.cfg", i)).status())
                    .isEqualTo(404);
        }
        assertThat(bans.isBanned("127.0.0.63")).isTrue();
        assertThat(scanner.get("/prov/001565630001.cfg").status()).isEqualTo(403);
        java.util.List<String> results =
                admin.get("/api/v1/provisioning/fetches?limit=1000").json().findValuesAsText("result");
        assertThat(results).contains("SCAN_REFUSED");
        // tandem.provisioning.max-unknown-macs-per-source: only that many were noted as waiting phones
        assertThat(admin.get("/api/v1/devices").json().findValuesAsText("mac").stream()
                        .filter(m -> m.startsWith("0015656300"))
                        .count())
                .isEqualTo(5);
        assertThat(admin.get("/api/v1/devices?waiting=true").json().findValuesAsText("mac").stream()
                        .filter(m -> m.startsWith("0015656300"))
                        .count())
                .isEqualTo(5);
    }

    /**
     * First contact for each vendor's own file names: refused until an admin accepts the phone; then the first
     * file names the per-device URL (in the vendor's own setting), and there the configuration carries the
     * assigned user's secret.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            polycom     | 127.0.0.81 | 0004f2650001 | 5651 | FileTransport PolycomVVX-VVX_411-UA/5.9.5.0614 Type/Application | 0004f2650001.cfg | CONFIG_FILES="http://[^/]+/prov/(d/[^/]+/)0004f2650001-phone.cfg" | 0004f2650001-phone.cfg | reg.1.auth.password="s3cret-5651"
            cisco       | 127.0.0.82 | 0002fd650002 | 5652 | Cisco/SPA508G-7.4.8a (0002FD650002)(CBT141400UK) | spa0002fd650002.xml | <Profile_Rule>http://[^/]+/prov/(d/[^/]+/)spa\\$MA.xml</Profile_Rule> | spa0002fd650002.xml | <Password_1_>s3cret-5652</Password_1_>
            grandstream | 127.0.0.83 | 000b82650003 | 5653 | Grandstream Model HW GXP2170 SW 1.0.9.69 DevId 000b82650003 | cfg000b82650003.xml | <P237>[^/]+/prov/(d/[^<]+)</P237> | /cfg000b82650003.xml | <P34>s3cret-5653</P34>
            snom        | 127.0.0.84 | 000413650004 | 5654 | Mozilla/4.0 (compatible; snomD785-SIP 10.1.33.33 2010.12 000413650004) | snomD785-000413650004.htm | url="http://[^/]+/prov/(d/[^/]+/)000413650004.xml" | 000413650004.xml | <user_pass idx="1" perm="R">s3cret-5654</user_pass>
            fanvil      | 127.0.0.85 | 0c383e650005 | 5655 | Fanvil X4U 2.10.2.6887 0c383e650005 | 0c383e650005.cfg | <FlashServerIP>http://[^/]+/prov/(d/[^<]+)</FlashServerIP> | 0c383e650005.cfg | <RegisterPswd>s3cret-5655</RegisterPswd>
            """)
    void eachVendorsFirstFileLeadsThePhoneToItsCredentials(
            String vendor,
            String source,
            String mac,
            String ext,
            String userAgent,
            String firstFile,
            String urlPattern,
            String configFile,
            String secretLine) {
        ensureUser(ext);
        assertThat(admin.post("/api/v1/devices", "{\"mac\":\"" + mac + "\",\"lines\":[\"" + ext + "\"]}")
                        .status())
                .isEqualTo(201);
        PhoneHttp phone = new PhoneHttp(source, port, userAgent);

        // first contact proves nothing: no file of the phone's (issue 22 finding 2), until an admin accepts it
        PhoneHttp.Response anonymous = phone.get("/prov/" + firstFile);
        assertThat(anonymous.status()).isEqualTo(404);
        assertThat(anonymous.body()).doesNotContain("s3cret-" + ext).doesNotContain("/prov/d/");
        assertThat(admin.get("/api/v1/devices/" + mac)
                        .json()
                        .get("firstContact")
                        .get("waiting")
                        .asBoolean())
                .isTrue();
        assertThat(admin.post("/api/v1/devices/" + mac + "/accept?source=" + source, "")
                        .status())
                .isEqualTo(200);

        // accepted: the first file names the phone's own URL (Grandstream's and Fanvil's, their only file, carries
        // the credentials already: the phone is registered after this one boot)
        PhoneHttp.Response first = phone.get("/prov/" + firstFile);
        assertThat(first.status()).isEqualTo(200);
        java.util.regex.Matcher url =
                java.util.regex.Pattern.compile(urlPattern).matcher(first.body());
        assertThat(url.find()).as("%s in%n%s", urlPattern, first.body()).isTrue();
        PhoneHttp.Response config = phone.get("/prov/" + url.group(1) + configFile);

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).contains(secretLine);
        JsonNode device = admin.get("/api/v1/devices/" + mac).json();
        assertThat(device.get("vendor").asText()).isEqualTo(vendor);
        assertThat(device.get("provisioningUrlHandedOut").asBoolean()).isTrue();
    }

    /** An RFC 7616 §3.4 answer with qop=auth, as a phone computes it. */
    private static String digest(String algorithm, String user, String password, String uri, String nonce)
            throws Exception {
        java.util.function.Function<String, String> h = text -> {
            try {
                return java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance(algorithm)
                                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        };
        String realm = "Tandem provisioning";
        String response = h.apply(h.apply(user + ":" + realm + ":" + password) + ":" + nonce
                + ":00000001:0a4f113b:auth:" + h.apply("GET:" + uri));
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", algorithm=" + algorithm + ", qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"" + response
                + "\"";
    }
}
