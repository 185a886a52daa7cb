package org.tandem.pbx.sip;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Whether a server certificate is for the SIP host we meant to reach (RFC 5922 §7.2, and RFC 6125 §6 for
 * DNS names): a {@code sip:} URI or DNS name in the subject alternative names equal to the host, or an
 * IP address entry for an address literal. The subject's CN counts only when there is no subjectAltName
 * at all (RFC 5922 §7.1). A wildcard DNS name covers exactly one left-most label (RFC 6125 §6.4.3) — many
 * providers present {@code *.provider.example}.
 */
public final class ServerIdentity {

    private static final int DNS_NAME = 2;
    private static final int URI = 6;
    private static final int IP_ADDRESS = 7;

    private ServerIdentity() {}

    /** The identities the certificate asserts, for error messages ("sip:a", "dns:b", "ip:c", "cn:d"). */
    public static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        for (List<?> san : alternativeNames(certificate)) {
            int type = (Integer) san.get(0);
            String value = String.valueOf(san.get(1));
            if (type == DNS_NAME) names.add("dns:" + value);
            else if (type == URI) names.add(value);
            else if (type == IP_ADDRESS) names.add("ip:" + value);
        }
        if (names.isEmpty()) {
            String cn = commonName(certificate);
            if (cn != null) names.add("cn:" + cn);
        }
        return names;
    }

    /** True if {@code certificate} is for {@code host} (a DNS name or an IP address literal, IPv6 with or without []). */
    public static boolean matches(X509Certificate certificate, String host) {
        if (host == null || host.isBlank()) return false;
        String wanted = normalise(host);
        boolean literal = isAddressLiteral(wanted);
        Collection<List<?>> sans = alternativeNames(certificate);
        for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            String value = String.valueOf(san.get(1));
            if (literal) {
                if (type == IP_ADDRESS && sameAddress(value, wanted)) return true;
            } else if (type == URI) {
                // RFC 5922 §7.1: sip:domain (no user part) names the SIP domain the certificate is for
                String v = value.toLowerCase(Locale.ROOT);
                if ((v.startsWith("sip:") || v.startsWith("sips:"))
                        && normalise(v.substring(v.indexOf(':') + 1)).equals(wanted)) {
                    return true;
                }
            } else if (type == DNS_NAME && dnsMatches(normalise(value), wanted)) {
                return true;
            }
        }
        if (!sans.isEmpty() || literal) return false;
        String cn = commonName(certificate);
        return cn != null && dnsMatches(normalise(cn), wanted);
    }

    private static boolean dnsMatches(String pattern, String host) {
        if (pattern.equals(host)) return true;
        if (!pattern.startsWith("*.")) return false;
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot + 1).equals(pattern.substring(2)) && pattern.indexOf('.', 2) > 0;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isAddressLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static String normalise(String host) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (h.contains(":")) return h.toLowerCase(Locale.ROOT); // IPv6 literal: no IDN
        return IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }

    private static Collection<List<?>> alternativeNames(X509Certificate certificate) {
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            return sans == null ? List.of() : sans;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) return String.valueOf(rdn.getValue());
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }
}
