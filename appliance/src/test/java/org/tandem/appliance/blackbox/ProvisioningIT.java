package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.testsupport.PhoneHttp;

/**
 * Provisioning against the built jar: an emulated Yealink phone (HTTP with a real Yealink User-Agent, its own
 * 127.0.0.x address) is accepted by the admin at first contact, fetches its boot file and configuration, SIPp registers with
 * the credentials found in it, and a resync NOTIFY reaches it; strangers get no secret, a MAC scanner
 * is banned by the real ban registry, and TFTP serves the same bytes as HTTP. A real Linphone (linphonec) sets
 * itself up from a softphone setup address (the welcome e-mail's QR code) and registers with the digest HA1 it got.
 */
class ProvisioningIT {

    static final int TFTP_PORT = FreePorts.udpAndTcp();
    static final int HTTPS_PORT = FreePorts.udpAndTcp();

    @RegisterExtension
    // own appliance: TFTP and provisioning HTTPS ports and SHA-256 user agents are startup flags
    static final TandemExtension tandem = new TandemExtension(
            "--tandem.provisioning.tftp-port=" + TFTP_PORT,
            "--tandem.provisioning.https-port=" + HTTPS_PORT,
            // linphonec (Debian 12's 5.1) says only "Linphonec/5.1.65": offer it SHA-256 first, next to MD5, as the
            // Linphone apps are (belle-sip/5), so that it has to pick MD5 for the HA1 it was given
            "--tandem.auth.sha256-user-agents=belle-sip/([5-9]|\\d\\d)\\.,^Linphonec/");

    static final String MAC = "001565aa0001";
    static final String UA = "Yealink SIP-T46S 66.86.0.15 00:15:65:aa:00:01";

    @BeforeAll
    static void phoneAssignedToAUser() {
        tandem.api().createUser("301", "Reception", "Prov-secret-301");
        TandemApi.Reply r = tandem.api()
                .send(
                        "POST",
                        "/api/v1/devices",
                        "{\"mac\":\"" + MAC
                                + "\",\"lines\":[\"301\"],\"keys\":[{\"index\":2,\"kind\":\"BLF\",\"target\":\"302\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static String setting(String config, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + " = (.*)$").matcher(config);
        assertThat(m.find()).as("%s in%n%s", key, config).isTrue();
        return m.group(1).strip();
    }

    /**
     * First contact (refused: it waits), the admin accepts it, then the boot file and the configuration at the
     * per-device URL it names.
     */
    private static String provisionedConfig(PhoneHttp phone) {
        assertThat(phone.get("/prov/" + MAC + ".boot").status()).isEqualTo(404);
        assertThat(tandem.api()
                        .send("POST", "/api/v1/devices/" + MAC + "/accept?source=127.0.0.71", null)
                        .status())
                .isEqualTo(200);
        PhoneHttp.Response boot = phone.get("/prov/" + MAC + ".boot");
        assertThat(boot.status()).isEqualTo(200);
        Matcher url = Pattern.compile("include:config \"https?://[^/]+(/prov/d/[^\"]+\\.cfg)\"")
                .matcher(boot.body());
        assertThat(url.find()).as(boot.body()).isTrue();
        PhoneHttp.Response config = phone.get(url.group(1));
        assertThat(config.status()).isEqualTo(200);
        return config.body();
    }

    @Test
    void thePhoneGetsItsCredentialsRegistersWithThemAndIsToldToResync() throws Exception {
        PhoneHttp phone = new PhoneHttp("127.0.0.71", tandem.process().httpPort(), UA);
        String config = provisionedConfig(phone);

        String user = setting(config, "account.1.user_name");
        String password = setting(config, "account.1.password");
        assertThat(user).isEqualTo("301");
        assertThat(setting(config, "account.1.sip_server.1.address")).isEqualTo("127.0.0.1");
        assertThat(Integer.parseInt(setting(config, "account.1.sip_server.1.port")))
                .isEqualTo(tandem.process().sipPort());
        // key 2: key 1 is line 301's
        assertThat(setting(config, "linekey.2.type")).isEqualTo("16");

        int port = FreePorts.udpAndTcp();
        // as the phone: its User-Agent carries its MAC, which tells its binding from a softphone's (issue 17 defect 6)
        tandem.sipp("register", "uac.xml")
                .localPort(port)
                .service(user)
                .credentials(user, password)
                .key("expires", "600")
                .key("user_agent", UA)
                .runAndAssertSuccess();
        assertThat(tandem.api().contactsOf("301")).hasSize(1);
        assertThat(tandem.api()
                        .send("GET", "/api/v1/devices/" + MAC, null)
                        .json()
                        .get("lines")
                        .get(0)
                        .get("registered")
                        .asBoolean())
                .isTrue();

        Sipp.Running notified = tandem.sipp("check-sync", "uas.xml")
                .localPort(port)
                .service(user)
                .timeout(Duration.ofSeconds(20))
                .start()
                .awaitListening(port, Sipp.Transport.UDP);
        TandemApi.Reply resync = tandem.api().send("POST", "/api/v1/devices/" + MAC + "/resync", null);
        assertThat(resync.status()).isEqualTo(202);
        assertThat(resync.json().get("notified").asInt()).isEqualTo(1);
        notified.await().assertSuccess();

        // a stranger asking for the same MAC afterwards gets nothing: no secret, no per-device URL, and no file
        // that would disable the phone's line (issue 19)
        PhoneHttp stranger = new PhoneHttp("127.0.0.72", tandem.process().httpPort(), UA);
        PhoneHttp.Response plain = stranger.get("/prov/" + MAC + ".cfg");
        assertThat(plain.status()).isEqualTo(404);
        assertThat(plain.body())
                .doesNotContain(password)
                .doesNotContain("/prov/d/")
                .doesNotContain("enable = 0");
        assertThat(stranger.get("/prov/" + MAC + ".boot").status()).isEqualTo(404);

        // TFTP serves the same bytes as HTTP, for the common boot file and the per-device configuration
        String tokenPath = Pattern.compile("static.auto_provision.server.url = https?://[^/]+/prov/(d/[^/]+/)")
                .matcher(config)
                .results()
                .findFirst()
                .orElseThrow()
                .group(1);
        assertThat(tftp(tokenPath + MAC + ".cfg"))
                .isEqualTo(phone.get("/prov/" + tokenPath + MAC + ".cfg").bytes());
        assertThat(tftp("/y000000000000.boot"))
                .isEqualTo(phone.get("/prov/y000000000000.boot").bytes());

        // over HTTPS (the SIP-TLS certificate) the phone gets the same credentials and is kept on HTTPS
        String secure = https("/prov/" + tokenPath + MAC + ".cfg");
        assertThat(setting(secure, "account.1.password")).isEqualTo(password);
        assertThat(setting(secure, "static.auto_provision.server.url"))
                .isEqualTo("https://127.0.0.1:" + HTTPS_PORT + "/prov/" + tokenPath);
    }

    /** GET over HTTPS trusting the appliance's self-signed certificate (a phone is told to, or trusts on first use). */
    private static String https(String path) throws Exception {
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(
                null,
                new javax.net.ssl.TrustManager[] {
                    new javax.net.ssl.X509TrustManager() {
                        public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

                        public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

                        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                            return new java.security.cert.X509Certificate[0];
                        }
                    }
                },
                null);
        var connection = (javax.net.ssl.HttpsURLConnection) java.net
                .URI
                .create("https://127.0.0.1:" + HTTPS_PORT + path)
                .toURL()
                .openConnection();
        connection.setSSLSocketFactory(tls.getSocketFactory());
        connection.setHostnameVerifier((host, session) -> true);
        connection.setRequestProperty("User-Agent", UA);
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(20_000);
        assertThat(connection.getResponseCode()).isEqualTo(200);
        try (var in = connection.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aSourceAskingForManyMacsIsBanned() {
        PhoneHttp scanner = new PhoneHttp("127.0.0.73", tandem.process().httpPort(), "Yealink SIP-T46S 66.86.0.15");
        // 5 MACs are served (tandem.provisioning.max-unknown-macs-per-source), each further one is a failed
        // login; tandem.security.max-failures (10) bans the source
        for (int i = 0; i < 40 && !tandem.api().isBanned("127.0.0.73"); i++) {
            scanner.get(String.format("/prov/0015657300%02d.cfg", i));
        }
        assertThat(tandem.api().isBanned("127.0.0.73")).isTrue();
        assertThat(scanner.get("/prov/y000000000000.boot").status()).isEqualTo(403);
        assertThat(new PhoneHttp("127.0.0.74", tandem.process().httpPort(), UA)
                        .get("/prov/y000000000000.boot")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void linphoneSetsItselfUpFromItsOneTimeAddressAndRegistersWithTheHa1() throws Exception {
        tandem.api().createUser("391", "Lin & Co's phone", "Prov-secret-391");
        TandemApi.Reply made = tandem.api().send("POST", "/api/v1/users/391/softphone-setup", null);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(made.json().get("app").asText()).isEqualTo("Linphone");
        String url = made.json().get("url").asText();
        assertThat(url)
                .matches("http://127\\.0\\.0\\.1:" + tandem.process().httpPort() + "/prov/linphone/[A-Za-z0-9_-]{43}");
        assertThat(tandem.api()
                        .send("POST", "/api/v1/users/399/softphone-setup", null)
                        .status())
                .isEqualTo(404);

        Path dir = tandem.process().workDir().resolve("linphonec-391");
        String kept;
        try (Linphonec linphone = Linphonec.provisionedFrom(url, dir)) {
            // as the appliance sees it: liblinphone fetched the address, took the account and registered, offered
            // SHA-256 first and MD5 (tandem.auth.sha256-user-agents above), answering MD5 with the HA1
            Awaitility.await("linphonec registered as 391")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !tandem.api().registrationsOf("391").isEmpty());
            List<JsonNode> bindings = tandem.api().registrationsOf("391");
            assertThat(bindings)
                    .as(linphone.logTail())
                    .singleElement()
                    .satisfies(b -> assertThat(b.get("userAgent").asText()).startsWith("Linphonec/"));
            linphone.close();
            kept = linphone.configuration();
        }
        assertThat(kept)
                .as("the account as Linphone keeps it")
                .contains("ha1=")
                .contains("realm=" + tandem.process().domain())
                .doesNotContain("passwd")
                .doesNotContain("Prov-secret-391")
                .contains("reg_identity=\"Lin & Co's phone\" <sip:391@"
                        + tandem.process().domain() + ">");
        assertThat(kept).as("transient: not fetched again at the next start").doesNotContain("config-uri");
        // used up
        assertThat(new PhoneHttp("127.0.0.76", tandem.process().httpPort(), "Linphonec/5.1")
                        .get(URI.create(url).getPath())
                        .status())
                .isEqualTo(404);
    }

    private static byte[] tftp(String file) throws Exception {
        TFTPClient client = new TFTPClient();
        client.setDefaultTimeout(Duration.ofSeconds(2));
        client.open(0, InetAddress.getByName("127.0.0.75"));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            client.receiveFile(file, TFTP.BINARY_MODE, out, InetAddress.getByName("127.0.0.1"), TFTP_PORT);
            return out.toByteArray();
        } finally {
            client.close();
        }
    }
}
