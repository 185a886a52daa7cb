package org.tandem.media.dtls;

import java.io.IOException;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.srtp.CryptoSuite;
import org.tandem.media.srtp.SdesCrypto;

/**
 * The DTLS server of one WebRTC face (RFC 5763: we answer {@code a=setup:passive}, the browser is the client): DTLS
 * 1.2, ECDHE with our ECDSA certificate, the client's certificate required and checked against the fingerprint of
 * its SDP (RFC 5763 §6.7.1: that, not a CA, proves it is the party that signalled), and the use_srtp extension with
 * SRTP_AES128_CM_HMAC_SHA1_80 (RFC 5764 §4.1.2), whose keys are exported once the handshake is done (§4.2).
 */
final class DtlsSrtpServer extends DefaultTlsServer {

    private final DtlsCertificate identity;
    private final String peerFingerprint;
    private static final Logger log = LoggerFactory.getLogger(DtlsSrtpServer.class);
    private volatile DtlsSrtpKeys keys;
    private volatile boolean fingerprintMismatch;

    DtlsSrtpServer(DtlsCertificate identity, String peerFingerprint) {
        super(identity.crypto());
        this.identity = identity;
        this.peerFingerprint = peerFingerprint;
    }

    /** The SRTP keys of the finished handshake; null before. */
    DtlsSrtpKeys keys() {
        return keys;
    }

    @Override
    public void notifyAlertRaised(short level, short description, String message, Throwable cause) {
        log.debug("DTLS alert raised: {} ({})", AlertDescription.getText(description), message);
        if (description == AlertDescription.bad_certificate) fingerprintMismatch = true;
    }

    /** True once the client's certificate was refused for not matching its a=fingerprint. */
    boolean fingerprintMismatch() {
        return fingerprintMismatch;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return DtlsHandshake.HANDSHAKE_MILLIS; // a party that never finishes does not hold a thread for ever
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only(); // what browsers speak for WebRTC (RFC 8827 §6.5)
    }

    /** ECDHE with our ECDSA key and AEAD ciphers only, as for every TLS port of the appliance (RFC 9325). */
    @Override
    protected int[] getSupportedCipherSuites() {
        return new int[] {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
        };
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() {
        return new BcDefaultTlsCredentialedSigner(
                new TlsCryptoParameters(context),
                identity.crypto(),
                identity.privateKey(),
                identity.chain(),
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        boolean ours = false;
        if (offered != null) {
            for (int p : offered.getProtectionProfiles())
                ours |= p == SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80;
        }
        if (!ours) { // RFC 5764 §4.1.3: no common profile, no SRTP: the handshake fails
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "no use_srtp with SRTP_AES128_CM_HMAC_SHA1_80");
        }
    }

    @Override
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        TlsSRTPUtils.addUseSRTPExtension(
                extensions,
                new UseSRTPData(new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80}, new byte[0]));
        return extensions;
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        Vector<SignatureAndHashAlgorithm> algorithms = new Vector<>();
        algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
        algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.rsa));
        algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa));
        algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha1, SignatureAlgorithm.rsa));
        return new CertificateRequest(
                new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign}, algorithms, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "no client certificate (RFC 5763 §5)");
        }
        byte[] der = clientCertificate.getCertificateAt(0).getEncoded();
        if (!DtlsCertificate.matches(peerFingerprint, der)) {
            // RFC 5763 §6.7.1: not the certificate the party's SDP named: someone else is on the path
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "the certificate does not match a=fingerprint");
        }
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        int k = CryptoSuite.KEY_LENGTH;
        int s = CryptoSuite.SALT_LENGTH;
        // RFC 5764 §4.2: client key, server key, client salt, server salt
        byte[] m = context.exportKeyingMaterial("EXTRACTOR-dtls_srtp", null, 2 * (k + s));
        byte[] clientKey = Arrays.copyOfRange(m, 0, k);
        byte[] serverKey = Arrays.copyOfRange(m, k, 2 * k);
        byte[] clientSalt = Arrays.copyOfRange(m, 2 * k, 2 * k + s);
        byte[] serverSalt = Arrays.copyOfRange(m, 2 * k + s, 2 * (k + s));
        CryptoSuite suite = CryptoSuite.AES_CM_128_HMAC_SHA1_80;
        keys = new DtlsSrtpKeys(
                new SdesCrypto(1, suite, clientKey, clientSalt, SdesCrypto.MAX_LIFETIME, 0, 0),
                new SdesCrypto(1, suite, serverKey, serverSalt, SdesCrypto.MAX_LIFETIME, 0, 0));
        Arrays.fill(m, (byte) 0);
    }
}
