package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.pbx.directory.WebPasswords;

/**
 * {@code POST /api/v1/users/import}: a good file (BOM, CRLF, quoted fields with commas, quotes and a line
 * break), generated SIP passwords handed back once, and bad files that import nothing and name every bad
 * row and field. Each test uses its own extensions (8xx).
 */
abstract class UserImportApiContract extends ApiTestBase {

    @Autowired
    WebPasswords webPasswords;

    private Response importCsv(String csv) {
        return admin.send("POST", "/api/v1/users/import", csv, "text/csv");
    }

    @Test
    void importsAGoodFileWithBomCrlfAndQuotedFields() {
        String csv = "\uFEFFExtension,Name,Email,SIP Password,Web Password\r\n"
                + "1901,\"Smith, Anna\",anna@example.com,anna-sip-secret,anna-web-pass\r\n"
                + "1902,\"Bob \"\"the Builder\"\"\",,,\r\n"
                + "\r\n"
                + "1903,\"Carol\r\nSecond line\",carol@example.com,,\r\n";
        // the display name rule refuses quotes and line breaks: the file is refused as a whole
        Response bad = importCsv(csv);
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(rows(bad)).containsExactly("3:name", "5:name");
        assertThat(directory.exists("1901")).as("nothing imported").isFalse();

        Response ok = importCsv(csv.replace("\"Carol\r\nSecond line\"", "Carol")
                .replace("\"Bob \"\"the Builder\"\"\"", "\"Bob, Jr.\""));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("created").asInt()).isEqualTo(3);
        assertThat(directory.find("1901")).hasValueSatisfying(u -> {
            assertThat(u.displayName()).isEqualTo("Smith, Anna");
            assertThat(u.email()).isEqualTo("anna@example.com");
        });
        assertThat(directory.sipSecret("1901")).contains("anna-sip-secret");
        assertThat(webPasswords.matches("1901", "anna-web-pass")).isTrue();
        assertThat(directory.find("1902").orElseThrow().displayName()).isEqualTo("Bob, Jr.");
        JsonNode generated = ok.json().get("generated");
        assertThat(generated).hasSize(2);
        assertThat(generated.get(0).get("extension").asText()).isEqualTo("1902");
        assertThat(generated.get(0).get("sipPassword").asText()).hasSize(20);
        assertThat(directory.sipSecret("1902"))
                .contains(generated.get(0).get("sipPassword").asText());
        assertThat(directory.sipSecret("1903"))
                .contains(generated.get(1).get("sipPassword").asText());
        assertThat(ok.body()).doesNotContain("anna-sip-secret");
    }

    @Test
    void reportsEveryBadRowAndFieldAndImportsNothing() {
        assertThat(admin.post("/api/v1/users", user("1911", "Existing", "existing-secret", null))
                        .status())
                .isEqualTo(201);
        String csv = "extension,name,email,sip_password,web_password\n"
                + "1912,Good One,,good-sip-secret,\n"
                + "8x,No Digits,not-an-email,short,\n"
                + "1911,Taken,,,\n"
                + "1913,Twice,,,\n"
                + "1913,Twice Again,,,tiny\n"
                + "1914,,,,\n"
                + "1915,Too,many,fields,here,again\n";

        Response r = importCsv(csv);

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid rows");
        assertThat(r.json().get("message").asText()).contains("Nothing was imported");
        assertThat(rows(r))
                .containsExactlyInAnyOrder(
                        "3:extension",
                        "3:email",
                        "3:sip_password",
                        "4:extension",
                        "6:extension",
                        "6:web_password",
                        "7:name",
                        "8:file");
        assertThat(r.body()).contains("already exists").contains("appears twice (also on line 5)");
        assertThat(directory.exists("1912")).isFalse();
        assertThat(directory.exists("1913")).isFalse();
    }

    /** Issue 18: each row's problem in the language Accept-Language asks for; line, field and the rest stay. */
    @Test
    void readsEachRowsProblemInGermanWhenAskedFor() {
        String csv = "extension,name,email\n" + "1951,Ute,keine-mail\n" + "1952,Udo,\n" + "1952,Uwe,\n" + "1953,Ulf\n";
        Response german = admin.inLanguage("de-DE,de;q=0.9").send("POST", "/api/v1/users/import", csv, "text/csv");
        assertThat(german.status()).as(german.toString()).isEqualTo(400);
        assertThat(german.json().get("message").asText()).contains("Nothing was imported");
        List<String> problems = new ArrayList<>();
        german.json()
                .get("rows")
                .forEach(p -> problems.add(p.get("line").asInt() + ":"
                        + p.get("field").asText() + ":" + p.get("message").asText()));
        assertThat(problems)
                .containsExactly(
                        "2:email:ist keine E-Mail-Adresse",
                        "4:extension:1952 kommt doppelt vor (auch in Zeile 3)",
                        "5:file:hat 2 Felder, die Kopfzeile 3");
        assertThat(importCsv(csv).body())
                .as("English without the header")
                .contains("1952 appears twice (also on line 3)");
        Response header = admin.inLanguage("de")
                .send("POST", "/api/v1/users/import", "extension,name,shoe_size\n1954,Uta,42\n", "text/csv");
        assertThat(header.json().get("rows").get(0).get("message").asText())
                .isEqualTo(
                        "ist keine bekannte Spalte; verwenden Sie extension, name, email, sip_password, web_password");
        assertThat(directory.exists("1951")).isFalse();
        assertThat(directory.exists("1954")).isFalse();
    }

    @Test
    void refusesAnUnknownOrMissingColumnAndAnEmptyFile() {
        Response unknown = importCsv("extension,name,shoe_size\n1921,Dora,42\n");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(rows(unknown)).containsExactly("1:shoe_size");
        Response missing = importCsv("extension,email\n1922,e@example.com\n");
        assertThat(rows(missing)).containsExactly("1:name");
        assertThat(rows(importCsv(""))).containsExactly("1:file");
        assertThat(rows(importCsv("extension,name\n"))).containsExactly("1:file");
        assertThat(directory.exists("1921")).isFalse();
        assertThat(directory.exists("1922")).isFalse();
    }

    @Test
    void answersWithTheGeneratedPasswordsAsCsvWhenAsked() throws Exception {
        Response r = admin.send("POST", "/api/v1/users/import?x=1", "extension,name\n1931,Eve\n", "text/csv");
        assertThat(r.status()).isEqualTo(200);
        String csv = acceptingCsv("extension,name\n1932,Frank\n");
        assertThat(csv).startsWith("extension,name,sip_password\r\n1932,Frank,");
        assertThat(directory.sipSecret("1932"))
                .hasValueSatisfying(s -> assertThat(csv).contains(s));
    }

    @Test
    void anOperatorMayNotImport() {
        if (accounts.find("import-operator").isEmpty()) {
            accounts.create(
                    "import-operator", "operator-secret-1", org.tandem.appliance.admin.AdminRole.OPERATOR, false);
        }
        Response r = anonymous
                .as("import-operator", "operator-secret-1")
                .send("POST", "/api/v1/users/import", "extension,name\n1941,Gina\n", "text/csv");
        assertThat(r.status()).isEqualTo(403);
        assertThat(directory.exists("1941")).isFalse();
    }

    private String acceptingCsv(String body) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/users/import"))
                                .header("Content-Type", "text/csv")
                                .header("Accept", "text/csv")
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + java.util.Base64.getEncoder()
                                                        .encodeToString(("admin:" + ADMIN_PASSWORD)
                                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        return r.body();
    }

    private static List<String> rows(Response r) {
        List<String> out = new ArrayList<>();
        r.json()
                .get("rows")
                .forEach(p ->
                        out.add(p.get("line").asInt() + ":" + p.get("field").asText()));
        return out;
    }
}
