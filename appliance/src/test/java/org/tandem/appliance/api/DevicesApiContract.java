package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.appliance.testsupport.PhoneHttp;

/**
 * Phones over the REST API ({@code /api/v1/devices}) and what a phone gets from {@code /prov/}: who gets
 * credentials, the fetch log, bans for wrong credentials and MAC scans. Run per database by its
 * subclasses. Each test is its own phone: own MAC, own extensions, own 127.0.0.x source address.
 */
abstract class DevicesApiContract extends ApiTestBase {

    static final String YEALINK_UA = "Yealink SIP-T46S 66.86.0.15 ";

    private void user(String extension) {
        if (!directory.exists(extension)) {
            assertThat(admin.post("/api/v1/users", user(extension, "User " + extension, "s3cret-" + extension, null))
                            .status())
                    .isEqualTo(201);
        }
    }

    private PhoneHttp yealink(String source, String macColons) {
        return new PhoneHttp(source, port, YEALINK_UA + macColons);
    }

    @Test
    void aPhoneAddedByMacIsListedWithItsLinesKeysAndAMaskedPreview() {
        user("5601");
        user("5602");
        // a Yealink shows line 1 on key 1: a BLF there would take the line's key (issue 19)
        Response onTheLine = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"00:15:65:60:10:01\",\"vendor\":\"yealink\","
                        + "\"model\":\"SIP-T46S\",\"lines\":[\"5601\"],"
                        + "\"keys\":[{\"index\":1,\"kind\":\"BLF\",\"target\":\"5602\"}]}");
        assertThat(onTheLine.status()).as(onTheLine.toString()).isEqualTo(400);
        assertThat(onTheLine.json().get("fields").get("keys").asText())
                .contains("number BLF and speed-dial keys from 2");
        Response created = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"00:15:65:60:10:01\",\"vendor\":\"yealink\","
                        + "\"model\":\"SIP-T46S\",\"description\":\"Reception\",\"lines\":[\"5601\"],"
                        + "\"keys\":[{\"index\":2,\"kind\":\"BLF\",\"target\":\"5602\",\"label\":\"Bob\"}]}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/devices/001565601001"));
        JsonNode d = admin.get("/api/v1/devices/00-15-65-60-10-01").json();
        assertThat(d.get("mac").asText()).isEqualTo("001565601001");
        assertThat(d.get("lines").get(0).get("extension").asText()).isEqualTo("5601");
        assertThat(d.get("lines").get(0).get("registered").asBoolean()).isFalse();
        assertThat(d.get("keys").get(0).get("kind").asText()).isEqualTo("BLF");
        assertThat(d.get("provisioningUrl").asText()).matches("http://127\\.0\\.0\\.1:\\d+/prov/d/[A-Za-z0-9_-]{32}/");
        assertThat(admin.get("/api/v1/devices").json().findValuesAsText("mac")).contains("001565601001");

        assertThat(admin.get("/api/v1/devices/001565601001/files").json().findValuesAsText("name"))
                .containsExactlyInAnyOrder("001565601001.boot", "001565601001.cfg");
        Response preview = admin.get("/api/v1/devices/001565601001/files/001565601001.cfg");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body())
                .contains("account.1.user_name = 5601")
                .contains("account.1.password = ********")
                .contains("linekey.2.value = 5602")
                .doesNotContain("s3cret-5601")
                .doesNotContain(d.get("provisioningUrl").asText());
        assertThat(admin.get("/api/v1/devices/001565601001/files/nope.cfg").status())
                .isEqualTo(404);
    }

    @Test
    void badPhonesAreRefusedNamingEachField() {
        Response r = admin.post("/api/v1/devices", "{\"mac\":\"not-a-mac\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("fields").get("mac").asText()).contains("12 hex digits");

        r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"001565601002\",\"vendor\":\"yealink\",\"model\":\"SIP-T99\","
                        + "\"lines\":[\"5699\"],\"keys\":[{\"index\":0,\"kind\":\"BLF\",\"target\":\"abc\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        JsonNode fields = r.json().get("fields");
        assertThat(fields.get("model").asText()).contains("SIP-T46S");
        assertThat(fields.get("lines").asText()).contains("5699");
        assertThat(fields.get("keys").asText()).contains("start at 1").contains("target");
        assertNoStackTrace(r);
        assertThat(admin.get("/api/v1/devices/001565601002").status()).isEqualTo(404);

        r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"001565601002\",\"keys\":[{\"index\":1,\"kind\":\"LAMP\",\"target\":\"1\"}]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/devices", "{\"mac\":\"001565601002\"}").status())
                .isEqualTo(201);
        assertThat(admin.post("/api/v1/devices", "{\"mac\":\"00:15:65:60:10:02\"}")
                        .status())
                .isEqualTo(409);
        assertThat(admin.delete("/api/v1/devices/001565601002").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/devices/001565601002").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/v1/devices").status()).isEqualTo(401);
    }

    @Test
    void anUnknownPhoneWaitsUntilAcceptedThenGetsItsCredentialsOnlyAtItsOwnUrl() {
        user("5611");
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
        user("5671");
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
        user("5621");
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
        user("5631");
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

    @Test
    void anOperatorSeesPhonesButNotTheirSecretUrlAndChangesNothing() {
        admin.post("/api/v1/devices", "{\"mac\":\"001565641001\"}");
        if (accounts.find("phone-operator").isEmpty()) {
            accounts.create(
                    "phone-operator", "operator-secret-1", org.tandem.appliance.admin.AdminRole.OPERATOR, false);
        }
        var operator = anonymous.as("phone-operator", "operator-secret-1");
        Response r = operator.get("/api/v1/devices/001565641001");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("provisioningUrl").isMissingNode()
                        || r.json().get("provisioningUrl").isNull())
                .isTrue();
        assertThat(r.body()).doesNotContain("/prov/d/").doesNotContain(provisioningPassword("001565641001"));
        assertThat(admin.get("/api/v1/devices/001565641001").body()).contains("/prov/d/");
        assertThat(operator.put("/api/v1/devices/001565641001", "{\"lines\":[]}")
                        .status())
                .isEqualTo(403);
        assertThat(operator.post("/api/v1/devices/001565641001/reprovision", "").status())
                .isEqualTo(403);
        assertThat(operator.post("/api/v1/devices/001565641001/accept", "").status())
                .isEqualTo(403);
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
        user(ext);
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

    @Test
    void expansionModuleKeysAndAGrandstreamsSecondAccountAreProgrammed() {
        user("5681");
        user("5682");
        // SIP-T46S: 27 keys of its own, then 40 on each of up to 3 expansion modules (key 28 = module 1, key 1)
        Response r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"001565680001\",\"vendor\":\"yealink\",\"model\":\"SIP-T46S\","
                        + "\"lines\":[\"5681\"],\"keys\":[{\"index\":148,\"kind\":\"BLF\",\"target\":\"5682\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("fields").get("keys").asText()).contains("147 programmable keys");
        r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"001565680001\",\"vendor\":\"yealink\",\"model\":\"SIP-T46S\","
                        + "\"lines\":[\"5681\"],\"keys\":[{\"index\":28,\"kind\":\"BLF\",\"target\":\"5682\"},"
                        + "{\"index\":147,\"kind\":\"SPEED_DIAL\",\"target\":\"*97\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(admin.get("/api/v1/devices/001565680001/files/001565680001.cfg")
                        .body())
                .contains("expansion_module.1.key.1.value = 5682")
                .contains("expansion_module.3.key.40.value = *97")
                .doesNotContain("linekey.28");

        // GXP2160: two accounts (account 2 is P401/P402/P404-P407), MPK 1 (P323 ...) and expansion key 1 (P23000 ...)
        r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"000b82680002\",\"vendor\":\"grandstream\",\"model\":\"GXP2160\","
                        + "\"lines\":[\"5681\",\"5682\"],\"keys\":[{\"index\":1,\"kind\":\"BLF\",\"target\":\"5682\"},"
                        + "{\"index\":25,\"kind\":\"BLF\",\"target\":\"5681\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(admin.get("/api/v1/devices/000b82680002/files/cfg000b82680002.xml")
                        .body())
                .contains(
                        "<P35>5681</P35>",
                        "<P401>1</P401>",
                        "<P404>5682</P404>",
                        "<P406>********</P406>",
                        "<P323>1</P323>",
                        "<P303>5682</P303>",
                        "<P23000>1</P23000>",
                        "<P23003>5681</P23003>");
        assertThat(admin.get("/api/v1/phone-models").json().findValues("expansionKeys"))
                .isNotEmpty();
    }

    /**
     * Pickup from a ringing busy lamp (issue 15): a Cisco's cp keys and a Grandstream's BLF keys dial the directed
     * pickup code in force and the extension, so an admin's new code is in the next file the phone fetches; a
     * Yealink picks up with Replaces from the lamp's NOTIFY and needs no code.
     */
    @Test
    void theLampPickupCodeIsTheDirectedPickupFeatureCodeInForce() {
        user("5691");
        user("5692");
        Response r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"0002fd691001\",\"vendor\":\"cisco\",\"model\":\"SPA508G\","
                        + "\"lines\":[\"5691\"],\"keys\":[{\"index\":2,\"kind\":\"BLF\",\"target\":\"5692\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"000b82691002\",\"vendor\":\"grandstream\",\"model\":\"GXP2160\","
                        + "\"lines\":[\"5692\"],\"keys\":[{\"index\":1,\"kind\":\"BLF\",\"target\":\"5691\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"001565691003\",\"vendor\":\"yealink\",\"model\":\"SIP-T46S\","
                        + "\"lines\":[\"5691\"],\"keys\":[{\"index\":2,\"kind\":\"BLF\",\"target\":\"5692\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String cisco = "/api/v1/devices/0002fd691001/files/spa0002fd691001.xml";
        String grandstream = "/api/v1/devices/000b82691002/files/cfg000b82691002.xml";
        assertThat(admin.get(cisco).body())
                .contains("<Extended_Function_2_>fnc=blf+sd+cp;sub=5692@")
                .contains("<Attendant_Console_Call_Pickup_Code>**</Attendant_Console_Call_Pickup_Code>");
        assertThat(admin.get(grandstream).body()).contains("<P1347>**</P1347>");
        assertThat(admin.get("/api/v1/devices/001565691003/files/001565691003.cfg")
                        .body())
                .contains("account.1.dialoginfo_callpickup = 1")
                .contains("linekey.2.value = 5692");
        try {
            assertThat(admin.put("/api/v1/feature-codes", "{\"PICKUP_DIRECTED\":\"*56\"}")
                            .status())
                    .isEqualTo(200);
            assertThat(admin.get(cisco).body())
                    .contains("<Attendant_Console_Call_Pickup_Code>*56</Attendant_Console_Call_Pickup_Code>")
                    .contains("<Call_Pickup_Code>*56</Call_Pickup_Code>");
            assertThat(admin.get(grandstream).body()).contains("<P1347>*56</P1347>");
        } finally {
            assertThat(admin.put("/api/v1/feature-codes", "{\"PICKUP_DIRECTED\":\"**\"}")
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void theSupportedModelsAreListed() {
        JsonNode models = admin.get("/api/v1/phone-models").json();
        assertThat(models.findValuesAsText("vendor"))
                .contains("yealink", "polycom", "cisco", "grandstream", "snom", "fanvil");
        assertThat(models.findValuesAsText("name"))
                .contains("SIP-T46S", "VVX411", "SPA508G", "8841-3PCC", "GXP2170", "D785", "X4U");
    }

    private String provisioningPassword(String mac) {
        return devices().secrets(mac).orElseThrow().provisioningPassword();
    }

    private org.tandem.provisioning.device.DeviceDirectory devices() {
        return context.getBean(org.tandem.provisioning.device.DeviceDirectory.class);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;
}
