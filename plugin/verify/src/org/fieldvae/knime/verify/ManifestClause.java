package org.fieldvae.knime.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One clause of an OSGi manifest header ({@code name;attr=value;dir:=value}), as in OSGi Core R8, section 3.2.4
 * ("Common Header Syntax"): clauses are separated by commas outside quotes, parameters by semicolons.
 *
 * @param name       the clause's path or bundle name
 * @param parameters attributes and directives by name (directives keep their {@code :=} as a trailing colon)
 */
record ManifestClause(String name, Map<String, String> parameters) {

    /** The clauses of one header value; an absent header gives none. */
    static List<ManifestClause> parse(String header) {
        List<ManifestClause> clauses = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return clauses;
        }
        for (String clause : split(header, ',')) {
            List<String> parts = split(clause, ';');
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String part : parts.subList(1, parts.size())) {
                int directive = part.indexOf(":=");
                int equals = part.indexOf('=');
                if (directive >= 0) {
                    parameters.put(part.substring(0, directive).trim() + ":", unquote(part.substring(directive + 2)));
                } else if (equals >= 0) {
                    parameters.put(part.substring(0, equals).trim(), unquote(part.substring(equals + 1)));
                }
            }
            clauses.add(new ManifestClause(parts.get(0).trim(), parameters));
        }
        return clauses;
    }

    /** The value of a directive ({@code name:=value}), or null. */
    String directive(String directive) {
        return parameters.get(directive + ":");
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static String unquote(String value) {
        String v = value.trim();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
