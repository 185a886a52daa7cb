package org.tandem.pbx.presence.internal;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A user's presence authorization rules (RFC 5025, on the common policy of RFC 4745), as the user stored them by
 * XCAP: which watcher may see what. Evaluated for one watcher: every rule whose conditions match it (RFC 4745 §10.1)
 * contributes, and each permission is the most permissive of their values (§10.2: sub-handling by its numeric value;
 * a transformation is given when any matching rule gives it).
 */
final class PresenceRules {

    static final String COMMON_POLICY = "urn:ietf:params:xml:ns:common-policy";
    static final String PRES_RULES = "urn:ietf:params:xml:ns:pres-rules";

    /** RFC 5025 §3.2.1, in the order of their values (0, 10, 20, 30): the larger wins. */
    enum SubHandling {
        BLOCK,
        CONFIRM,
        POLITE_BLOCK,
        ALLOW
    }

    /**
     * What one watcher is granted: how its subscription is handled (§3.2.1), which services (tuples), persons and
     * devices it gets (§3.3.1-3.3.3, all or those named), and of their attributes all or those granted by name
     * (§3.3: provide-activities, provide-note, ...), user input as provide-user-input says.
     */
    record Permissions(
            SubHandling subHandling,
            PresenceGrant.Selection serviceSelection,
            PresenceGrant.Selection personSelection,
            PresenceGrant.Selection deviceSelection,
            boolean allAttributes,
            Set<String> attributes,
            PresenceGrant.UserInput userInput) {

        /** No rules stored: the domain's default, everything to any local user (the default policy). */
        static final Permissions EVERYTHING = new Permissions(
                SubHandling.ALLOW,
                PresenceGrant.Selection.ALL,
                PresenceGrant.Selection.ALL,
                PresenceGrant.Selection.ALL,
                true,
                PresenceGrant.ATTRIBUTES,
                PresenceGrant.UserInput.FULL);

        boolean services() {
            return serviceSelection.any();
        }

        boolean persons() {
            return personSelection.any();
        }

        boolean devices() {
            return deviceSelection.any();
        }

        boolean activities() {
            return attributes.contains("activities");
        }

        /** Whether every component and attribute is given: the document goes out as composed. */
        boolean whole() {
            return serviceSelection.all() && personSelection.all() && deviceSelection.all() && allAttributes;
        }
    }

    private PresenceRules() {}

    /** As below, for a presentity in no sphere. */
    static Permissions evaluate(String rulesXml, String watcher, Instant now) {
        return evaluate(rulesXml, watcher, now, Set.of());
    }

    /**
     * The permissions {@code rulesXml} grant {@code watcher} (a SIP URI) at {@code now}, the presentity being in
     * {@code spheres} (RFC 4480 §3.11 {@code <rpid:sphere>} of what it published). RFC 5025 §3.2.1: block is the
     * default, so a watcher no rule names is blocked. A document that does not parse grants nothing either: the XCAP
     * server validated it when it was stored.
     */
    static Permissions evaluate(String rulesXml, String watcher, Instant now, Set<String> spheres) {
        Document doc;
        try {
            doc = builder().parse(new InputSource(new StringReader(rulesXml)));
        } catch (SAXException | IOException e) {
            return new Permissions(
                    SubHandling.BLOCK,
                    PresenceGrant.Selection.NONE,
                    PresenceGrant.Selection.NONE,
                    PresenceGrant.Selection.NONE,
                    false,
                    Set.of(),
                    PresenceGrant.UserInput.FALSE);
        }
        SubHandling handling = SubHandling.BLOCK;
        PresenceGrant.Selection services = PresenceGrant.Selection.NONE;
        PresenceGrant.Selection persons = PresenceGrant.Selection.NONE;
        PresenceGrant.Selection devices = PresenceGrant.Selection.NONE;
        boolean allAttributes = false;
        Set<String> attributes = new HashSet<>();
        PresenceGrant.UserInput userInput = PresenceGrant.UserInput.FALSE;
        for (Element rule : PidfDocument.children(doc.getDocumentElement(), COMMON_POLICY, "rule")) {
            if (!matches(first(rule, COMMON_POLICY, "conditions"), watcher, now, spheres)) continue;
            Element actions = first(rule, COMMON_POLICY, "actions");
            Element sub = actions == null ? null : first(actions, PRES_RULES, "sub-handling");
            if (sub != null) {
                SubHandling h = subHandling(sub.getTextContent().strip());
                if (h.ordinal() > handling.ordinal()) handling = h;
            }
            Element t = first(rule, COMMON_POLICY, "transformations");
            if (t == null) continue;
            // RFC 4745 §10.2: the union of what every matching rule gives
            services =
                    services.or(PresenceGrant.Selection.of(first(t, PRES_RULES, "provide-services"), "all-services"));
            persons = persons.or(PresenceGrant.Selection.of(first(t, PRES_RULES, "provide-persons"), "all-persons"));
            devices = devices.or(PresenceGrant.Selection.of(first(t, PRES_RULES, "provide-devices"), "all-devices"));
            allAttributes |= first(t, PRES_RULES, "provide-all-attributes") != null;
            for (String a : PresenceGrant.ATTRIBUTES) {
                if (isTrue(first(t, PRES_RULES, "provide-" + a))) attributes.add(a);
            }
            PresenceGrant.UserInput u = userInput(first(t, PRES_RULES, "provide-user-input"));
            if (u.ordinal() > userInput.ordinal()) userInput = u;
        }
        if (allAttributes)
            return new Permissions(
                    handling, services, persons, devices, true, PresenceGrant.ATTRIBUTES, PresenceGrant.UserInput.FULL);
        return new Permissions(handling, services, persons, devices, false, Set.copyOf(attributes), userInput);
    }

    /** RFC 4745 §5: no conditions match every request; each condition element present must match. */
    private static boolean matches(Element conditions, String watcher, Instant now, Set<String> spheres) {
        if (conditions == null) return true;
        for (Element c : PidfDocument.children(conditions, "*", "*")) {
            boolean ok = switch (c.getNamespaceURI() + " " + c.getLocalName()) {
                case COMMON_POLICY + " identity" -> identity(c, watcher);
                case COMMON_POLICY + " validity" -> validity(c, now);
                case COMMON_POLICY + " sphere" -> sphere(c, spheres);
                // §5: a condition we do not understand makes the rule not apply (the safe side)
                default -> false;
            };
            if (!ok) return false;
        }
        return true;
    }

    /** RFC 4745 §7.1: one of the {@code <one id>} is the watcher, or a {@code <many>} covers its domain minus its excepts. */
    private static boolean identity(Element identity, String watcher) {
        String who = normalize(watcher);
        String domain = who.substring(who.indexOf('@') + 1);
        for (Element one : PidfDocument.children(identity, COMMON_POLICY, "one")) {
            if (normalize(one.getAttribute("id")).equals(who)) return true;
        }
        for (Element many : PidfDocument.children(identity, COMMON_POLICY, "many")) {
            String d = many.getAttribute("domain");
            if (!d.isEmpty() && !d.equalsIgnoreCase(domain)) continue;
            boolean excepted = false;
            for (Element except : PidfDocument.children(many, COMMON_POLICY, "except")) {
                if (normalize(except.getAttribute("id")).equals(who)
                        || except.getAttribute("domain").equalsIgnoreCase(domain)
                                && !except.getAttribute("domain").isEmpty()) {
                    excepted = true;
                }
            }
            if (!excepted) return true;
        }
        return false;
    }

    /**
     * RFC 4745 §7.2: the presentity is now in one of the spheres the value lists (space-separated, compared without
     * case); one that published no sphere is in none, so a sphere rule does not apply to it.
     */
    private static boolean sphere(Element sphere, Set<String> spheres) {
        for (String v : sphere.getAttribute("value").strip().split("\\s+")) {
            if (!v.isEmpty() && spheres.contains(v.toLowerCase(Locale.ROOT))) return true;
        }
        return false;
    }

    /** RFC 5025 §3.3 provide-user-input: false, bare, thresholds or full; anything else gives nothing. */
    private static PresenceGrant.UserInput userInput(Element e) {
        if (e == null) return PresenceGrant.UserInput.FALSE;
        return switch (e.getTextContent().strip()) {
            case "bare" -> PresenceGrant.UserInput.BARE;
            case "thresholds" -> PresenceGrant.UserInput.THRESHOLDS;
            case "full" -> PresenceGrant.UserInput.FULL;
            default -> PresenceGrant.UserInput.FALSE;
        };
    }

    /** RFC 4745 §7.3: now lies in one of the from/until intervals. */
    private static boolean validity(Element validity, Instant now) {
        List<Element> froms = PidfDocument.children(validity, COMMON_POLICY, "from");
        List<Element> untils = PidfDocument.children(validity, COMMON_POLICY, "until");
        for (int i = 0; i < Math.min(froms.size(), untils.size()); i++) {
            try {
                Instant from = OffsetDateTime.parse(
                                froms.get(i).getTextContent().strip())
                        .toInstant();
                Instant until = OffsetDateTime.parse(
                                untils.get(i).getTextContent().strip())
                        .toInstant();
                if (!now.isBefore(from) && now.isBefore(until)) return true;
            } catch (DateTimeParseException e) {
                // an interval we cannot read grants nothing
            }
        }
        return false;
    }

    /** The identity part of a SIP URI for comparison (RFC 4745 §7.1.1): no parameters, host in lower case. */
    static String normalize(String uri) {
        String u = uri.strip();
        int semi = u.indexOf(';');
        if (semi >= 0) u = u.substring(0, semi);
        if (u.regionMatches(true, 0, "sip:", 0, 4)) u = "sip:" + u.substring(4);
        else if (u.regionMatches(true, 0, "sips:", 0, 5)) u = "sip:" + u.substring(5);
        else u = "sip:" + u;
        int at = u.indexOf('@');
        return at < 0 ? u : u.substring(0, at + 1) + u.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static SubHandling subHandling(String value) {
        return switch (value) {
            case "allow" -> SubHandling.ALLOW;
            case "polite-block" -> SubHandling.POLITE_BLOCK;
            case "confirm" -> SubHandling.CONFIRM;
            default -> SubHandling.BLOCK;
        };
    }

    private static boolean isTrue(Element e) {
        return e != null && "true".equals(e.getTextContent().strip());
    }

    private static Element first(Element parent, String ns, String name) {
        List<Element> found = PidfDocument.children(parent, ns, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
