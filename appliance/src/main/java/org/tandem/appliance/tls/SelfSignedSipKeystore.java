package org.tandem.appliance.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.sip.SipProperties;
import org.tandem.pbx.sip.SipTlsKeystore;

/**
 * The SIP-TLS certificate when the admin has not configured one ({@code tandem.sip.tls-keystore}): a
 * self-signed certificate created on first start in {@code <data-dir>/tls/sip.p12} with a random password
 * in {@code sip.p12.password} beside it (both 0600), and reused on every later start so phones that
 * pinned it keep trusting it. CN is the SIP domain; the subject alternative names are the domain and
 * the advertised address. Valid for ten years.
 */
@Component
public class SelfSignedSipKeystore implements SipTlsKeystore {

    static final String ALIAS = "tandem-sip";
    static final Duration VALIDITY = Duration.ofDays(3652);

    private static final Logger log = LoggerFactory.getLogger(SelfSignedSipKeystore.class);

    private final Path keystore;
    private final Path passwordFile;
    private final String domain;
    private final SipProperties sip;
    private String password;
    /** The store as read (or made) by this start's first use, until {@link #read()} hands it over: read it once. */
    private KeyStore loaded;

    public SelfSignedSipKeystore(TandemProperties tandem, SipProperties sip) {
        Path dir = tandem.dataDir().resolve("tls");
        this.keystore = dir.resolve("sip.p12");
        this.passwordFile = dir.resolve("sip.p12.password");
        this.domain = tandem.domain();
        this.sip = sip;
    }

    @Override
    public synchronized Path path() {
        ensure();
        return keystore;
    }

    @Override
    public synchronized String password() {
        ensure();
        return password;
    }

    /** The certificate in the keystore (created first if need be). */
    public synchronized X509Certificate certificate() {
        try {
            return (X509Certificate) read().getCertificate(ALIAS);
        } catch (GeneralSecurityException e) {
            throw unreadable(e);
        }
    }

    /**
     * The keystore as it is on disk now (created first if need be). The first call is served by the read this class
     * made anyway to check the certificate (a read of a keystore of an admin's own with Java's 10,000 PBKDF2 rounds
     * costs ~0.1-0.4 s of CPU early in a start; ours have one, {@link Pkcs12Files}); later calls read the file again
     * (it may have been replaced, {@link CertificateInstaller}).
     */
    synchronized KeyStore read() {
        ensure();
        KeyStore ks = loaded;
        loaded = null;
        if (ks != null) return ks;
        try {
            return load();
        } catch (IOException | GeneralSecurityException e) {
            throw unreadable(e);
        }
    }

    private void ensure() {
        if (password != null) return;
        try {
            if (Files.exists(keystore)) {
                reuse();
            } else {
                create();
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot write the SIP-TLS certificate under " + keystore.getParent() + " (" + e
                            + "); make the data directory writable for the user running Tandem",
                    e);
        }
    }

    private void reuse() throws IOException {
        if (!Files.exists(passwordFile)) {
            throw new IllegalStateException("The SIP-TLS keystore " + keystore + " exists but its password file "
                    + passwordFile + " is missing. Restore it from a backup, or delete " + keystore
                    + " to have a new self-signed certificate created (phones that pinned the old one must re-trust)");
        }
        password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        try {
            byte[] p12 = Files.readAllBytes(keystore);
            KeyStore ks = load(p12);
            if (!ks.isKeyEntry(ALIAS)) throw new GeneralSecurityException("no key entry '" + ALIAS + "'");
            String cn = ((X509Certificate) ks.getCertificate(ALIAS))
                    .getSubjectX500Principal()
                    .getName();
            if (!cn.contains("CN=" + domain + ",") && !cn.endsWith("CN=" + domain)) {
                log.warn(
                        "The SIP-TLS certificate {} was made for '{}', but the SIP domain is now '{}'. Phones "
                                + "checking the name will refuse it: delete {} and {} to have a new one created at the "
                                + "next start",
                        keystore,
                        cn,
                        domain,
                        keystore.getFileName(),
                        passwordFile.getFileName());
            }
            writeWithOneRound(ks, p12);
            loaded = ks;
        } catch (IOException | GeneralSecurityException e) {
            // a wrong password surfaces as an IOException from KeyStore.load
            password = null;
            throw unreadable(e);
        }
        log.info("SIP-TLS uses the self-signed certificate in {}", keystore);
    }

    private void create() throws IOException {
        SecureFiles.ensurePrivateDirectory(keystore.getParent());
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        SelfSignedCertificates.Issued issued = SelfSignedCertificates.create(domain, alternativeHosts(), VALIDITY);
        byte[] p12;
        KeyStore ks;
        try {
            p12 = Pkcs12Files.write(
                    ALIAS,
                    issued.keyPair().getPrivate(),
                    new Certificate[] {issued.certificate()},
                    fresh.toCharArray());
            ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(p12), fresh.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the SIP-TLS keystore: " + e.getMessage(), e);
        }
        // The password goes first: the keystore appearing is what marks the pair complete, so a crash
        // in between leaves no keystore and the next start simply makes a new pair.
        SecureFiles.writeAtomically(passwordFile, (fresh + "\n").getBytes(StandardCharsets.UTF_8));
        SecureFiles.writeAtomically(keystore, p12);
        password = fresh;
        loaded = ks;
        log.info(
                "Created a self-signed SIP-TLS certificate for {} in {} (valid {} days)",
                domain,
                keystore,
                VALIDITY.toDays());
    }

    private KeyStore load() throws IOException, GeneralSecurityException {
        return load(Files.readAllBytes(keystore));
    }

    private KeyStore load(byte[] p12) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(p12), password.toCharArray());
        return ks;
    }

    /**
     * A keystore written before {@link Pkcs12Files} (10,000 rounds, every start's readers paying them) is written
     * again once with the same key, chain and password: the same certificate, so phones that pinned it keep it. Only
     * a saving: when it cannot be written, the old file serves as before.
     */
    private void writeWithOneRound(KeyStore ks, byte[] p12) {
        if (Pkcs12Files.macRounds(p12) <= Pkcs12Files.ROUNDS) return;
        try {
            char[] secret = password.toCharArray();
            PrivateKey key = (PrivateKey) ks.getKey(ALIAS, secret);
            byte[] rewritten = Pkcs12Files.write(ALIAS, key, ks.getCertificateChain(ALIAS), secret);
            SecureFiles.writeAtomically(keystore, rewritten);
            log.info("Rewrote {} with one key-derivation round (its password lies beside it)", keystore);
        } catch (IOException | GeneralSecurityException e) {
            log.warn(
                    "Cannot rewrite {} with one key-derivation round ({}); it serves as it is", keystore, e.toString());
        }
    }

    private IllegalStateException unreadable(Exception e) {
        return new IllegalStateException(
                "The SIP-TLS keystore " + keystore + " cannot be opened with the password in "
                        + passwordFile + " (" + e.getMessage()
                        + "). Restore both from a backup, or delete both to have a "
                        + "new self-signed certificate created",
                e);
    }

    /** The advertised address, resolved the way the SIP stack resolves it (for the SAN). */
    private List<String> alternativeHosts() {
        List<String> hosts = new ArrayList<>();
        if (!sip.advertisedAddress().isBlank()) {
            hosts.add(sip.advertisedAddress());
        } else if (!"0.0.0.0".equals(sip.bindAddress()) && !"::".equals(sip.bindAddress())) {
            hosts.add(sip.bindAddress());
        } else {
            try {
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (!nic.isUp() || nic.isLoopback()) continue;
                    for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                        if (a instanceof Inet4Address && !a.isLinkLocalAddress()) hosts.add(a.getHostAddress());
                    }
                }
            } catch (SocketException e) {
                log.debug("Cannot list network interfaces for the certificate's names", e);
            }
        }
        return hosts;
    }
}
