package org.tandem.media.dtls;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.tandem.media.srtp.CryptoSuite;
import org.tandem.media.srtp.SdesCrypto;

/**
 * A browser's DTLS side for tests (RFC 5763 {@code a=setup:active}): bctls' DTLS client with a certificate of its own,
 * offering use_srtp, checking the server's certificate against the fingerprint of the SDP it got, and exporting the
 * SRTP keys as RFC 5764 §4.2 lays them out.
 */
public final class BrowserDtls extends DefaultTlsClient {

    final DtlsCertificate identity;
    final String serverFingerprint;
    byte[] clientKey;
    byte[] serverKey;
    byte[] clientSalt;
    byte[] serverSalt;

    BrowserDtls(DtlsCertificate identity, String serverFingerprint) {
        super(identity.crypto());
        this.identity = identity;
        this.serverFingerprint = serverFingerprint;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        TlsSRTPUtils.addUseSRTPExtension(
                extensions,
                new UseSRTPData(
                        new int[] {
                            SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80,
                            SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32
                        },
                        new byte[0]));
        return extensions;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate certificate) throws IOException {
                if (!DtlsCertificate.matches(
                        serverFingerprint,
                        certificate.getCertificate().getCertificateAt(0).getEncoded())) {
                    throw new IOException("the relay's certificate does not match its a=fingerprint");
                }
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) {
                return new BcDefaultTlsCredentialedSigner(
                        new TlsCryptoParameters(context),
                        identity.crypto(),
                        identity.privateKey(),
                        identity.chain(),
                        new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        byte[] m = context.exportKeyingMaterial("EXTRACTOR-dtls_srtp", null, 60);
        clientKey = Arrays.copyOfRange(m, 0, 16);
        serverKey = Arrays.copyOfRange(m, 16, 32);
        clientSalt = Arrays.copyOfRange(m, 32, 46);
        serverSalt = Arrays.copyOfRange(m, 46, 60);
    }

    /** A browser with a fresh certificate, expecting the server's {@code serverFingerprint}. */
    public static BrowserDtls withFreshCertificate(String serverFingerprint) {
        return new BrowserDtls(DtlsCertificate.generate(), serverFingerprint);
    }

    /** Its a=fingerprint. */
    public String fingerprint() {
        return identity.fingerprint();
    }

    /** Runs the handshake over {@code socket} with the server at {@code server}. */
    public void connect(DatagramSocket socket, InetSocketAddress server) throws IOException {
        new DTLSClientProtocol().connect(this, transport(socket, server));
    }

    /** The key the browser sends with (client write key and salt), once connected. */
    public SdesCrypto sendKey() {
        return new SdesCrypto(
                1, CryptoSuite.AES_CM_128_HMAC_SHA1_80, clientKey, clientSalt, SdesCrypto.MAX_LIFETIME, 0, 0);
    }

    /** The key the server sends with (server write key and salt), once connected. */
    public SdesCrypto receiveKey() {
        return new SdesCrypto(
                1, CryptoSuite.AES_CM_128_HMAC_SHA1_80, serverKey, serverSalt, SdesCrypto.MAX_LIFETIME, 0, 0);
    }

    static DatagramTransport transport(DatagramSocket own, InetSocketAddress to) {
        return new DatagramTransport() {
            @Override
            public int getReceiveLimit() {
                return 1500;
            }

            @Override
            public int getSendLimit() {
                return 1472;
            }

            @Override
            public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
                own.setSoTimeout(Math.max(1, waitMillis));
                DatagramPacket p = new DatagramPacket(buf, off, len);
                try {
                    own.receive(p);
                } catch (SocketTimeoutException e) {
                    return -1;
                }
                return p.getLength();
            }

            @Override
            public void send(byte[] buf, int off, int len) throws IOException {
                own.send(new DatagramPacket(buf, off, len, to));
            }

            @Override
            public void close() {}
        };
    }
}
