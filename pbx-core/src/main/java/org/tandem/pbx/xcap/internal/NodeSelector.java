package org.tandem.pbx.xcap.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tandem.pbx.xcap.XcapException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An XCAP node selector (RFC 4825 §6.3): steps from the document's root element, each by name ({@code *} for any),
 * position among its name's siblings ({@code entry[2]}), attribute value ({@code list[@name="friends"]}) or both,
 * then optionally an attribute ({@code /@uri}) or the namespace bindings in scope ({@code /namespace::*}). Unprefixed names are in the application usage's default namespace;
 * prefixes come from the request's {@code xmlns()} query (§6.4). A selector that does not parse is 400.
 */
final class NodeSelector {

    /** One step (RFC 4825 §6.3 {@code step}): position and attribute test are optional. */
    record Step(String namespace, String localName, Integer position, String attribute, String value) {

        boolean named(Element e) {
            return ("*".equals(localName) || localName.equals(e.getLocalName()))
                    && ("*".equals(localName)
                            || namespace.equals(e.getNamespaceURI() == null ? "" : e.getNamespaceURI()));
        }

        boolean attributeHolds(Element e) {
            return attribute == null
                    || e.hasAttribute(attribute) && e.getAttribute(attribute).equals(value);
        }
    }

    /** RFC 4825 §6.3 {@code namespace-selector}. */
    static final String NAMESPACES = "namespace::*";

    private final List<Step> steps;
    private final String terminalAttribute;
    private final boolean namespaces;

    private NodeSelector(List<Step> steps, String terminalAttribute, boolean namespaces) {
        this.steps = steps;
        this.terminalAttribute = terminalAttribute;
        this.namespaces = namespaces;
    }

    /** Whether the selector ends in {@code namespace::*}: the bindings in scope of the element (read-only, §7.10). */
    boolean namespaces() {
        return namespaces;
    }

    List<Step> steps() {
        return steps;
    }

    /** The attribute the selector ends in ({@code @name}), or null when it selects an element. */
    String terminalAttribute() {
        return terminalAttribute;
    }

    static NodeSelector parse(String text, String defaultNamespace, Map<String, String> prefixes) {
        if (text == null || text.isEmpty()) throw bad("empty node selector");
        List<String> parts = split(text);
        String attribute = null;
        String last = parts.get(parts.size() - 1);
        boolean namespaces = NAMESPACES.equals(last);
        if (namespaces) {
            parts = parts.subList(0, parts.size() - 1);
        } else if (last.startsWith("@")) {
            attribute = last.substring(1);
            if (!attribute.matches("[A-Za-z_][\\w.-]*")) throw bad("bad attribute selector " + last);
            parts = parts.subList(0, parts.size() - 1);
        }
        if (parts.isEmpty()) throw bad("an attribute or namespace selector needs an element");
        List<Step> steps = new ArrayList<>();
        for (String p : parts) steps.add(step(p, defaultNamespace, prefixes));
        return new NodeSelector(List.copyOf(steps), attribute, namespaces);
    }

    /** The element all steps select, or null for none; more than one match is no single node: null too (404). */
    Element select(Document doc) {
        return select(doc, steps.size());
    }

    /** The element the first {@code count} steps select, or null. */
    Element select(Document doc, int count) {
        Element root = doc.getDocumentElement();
        Step first = steps.get(0);
        if (!first.named(root) || !first.attributeHolds(root) || first.position() != null && first.position() != 1) {
            return null;
        }
        Element current = root;
        for (int i = 1; i < count; i++) {
            current = child(current, steps.get(i));
            if (current == null) return null;
        }
        return current;
    }

    /** The one child of {@code parent} that {@code step} selects, or null (none, or several: not a single node). */
    static Element child(Element parent, Step step) {
        List<Element> named = named(parent, step);
        if (step.position() != null) {
            if (step.position() > named.size()) return null;
            Element e = named.get(step.position() - 1);
            return step.attributeHolds(e) ? e : null;
        }
        List<Element> matching = named.stream().filter(step::attributeHolds).toList();
        return matching.size() == 1 ? matching.get(0) : null;
    }

    /** The children of {@code parent} that {@code step}'s name test selects ({@code *}: all), in document order. */
    static List<Element> named(Element parent, Step step) {
        List<Element> named = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && step.named(e)) named.add(e);
        }
        return named;
    }

    private static Step step(String text, String defaultNamespace, Map<String, String> prefixes) {
        int bracket = text.indexOf('[');
        String name = bracket < 0 ? text : text.substring(0, bracket);
        String rest = bracket < 0 ? "" : text.substring(bracket);
        String namespace = defaultNamespace;
        String local = name;
        int colon = name.indexOf(':');
        if (colon >= 0) {
            namespace = prefixes.get(name.substring(0, colon));
            if (namespace == null) throw bad("no xmlns() for the prefix of " + name);
            local = name.substring(colon + 1);
        }
        if (!local.equals("*") && !local.matches("[A-Za-z_][\\w.-]*")) throw bad("bad step " + text);
        Integer position = null;
        String attribute = null;
        String value = null;
        while (!rest.isEmpty()) {
            int close = closing(rest);
            String predicate = rest.substring(1, close);
            rest = rest.substring(close + 1);
            if (predicate.matches("\\d+")) {
                if (position != null || attribute != null) throw bad("bad step " + text);
                position = Integer.parseInt(predicate);
                if (position < 1) throw bad("positions start at 1: " + text);
            } else if (predicate.startsWith("@") && attribute == null) {
                int eq = predicate.indexOf('=');
                if (eq < 0) throw bad("bad attribute test " + predicate);
                attribute = predicate.substring(1, eq).strip();
                String quoted = predicate.substring(eq + 1).strip();
                if (quoted.length() < 2
                        || quoted.charAt(0) != quoted.charAt(quoted.length() - 1)
                        || quoted.charAt(0) != '"' && quoted.charAt(0) != '\'') {
                    throw bad("the value of " + predicate + " is not quoted");
                }
                value = quoted.substring(1, quoted.length() - 1)
                        .replace("&quot;", "\"")
                        .replace("&apos;", "'")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&");
            } else {
                throw bad("bad predicate [" + predicate + "]");
            }
        }
        return new Step(namespace, local, position, attribute, value);
    }

    /** The index of the ']' closing the predicate that {@code s} starts with, skipping quoted values. */
    private static int closing(String s) {
        char quote = 0;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ']') {
                return i;
            }
        }
        throw bad("unclosed predicate " + s);
    }

    /** Splits at '/' outside quoted values. */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '/') {
                if (current.isEmpty()) throw bad("empty step in " + text);
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (current.isEmpty()) throw bad("empty step in " + text);
        parts.add(current.toString());
        return parts;
    }

    private static XcapException bad(String why) {
        return new XcapException(400, null, "Bad node selector: " + why);
    }
}
