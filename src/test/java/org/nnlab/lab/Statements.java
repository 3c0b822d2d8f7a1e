package org.nnlab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Java source as a list of statements, each a sequence of tokens with the names of variables,
 * fields and parameters replaced by {@code v}: {@code dZ.setFlat(i, (p.getFlat(i) - y.getFlat(i)) / n);}
 * and {@code dA.setFlat(j, (a.getFlat(j) - t.getFlat(j)) / rows);} are the same statement. Types,
 * constants (capitalised) and the names of methods called stay, so that the statement keeps its
 * meaning; comments go, string literals become one token, and layout does not count. A statement
 * ends at {@code ;}, <code>{</code> or <code>}</code>. What {@code KitNearCopyTest} compares.
 */
final class Statements {
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "if", "implements", "import", "instanceof", "int", "interface", "long", "new", "null", "package",
            "private", "protected", "public", "record", "return", "short", "static", "super", "switch", "this", "throw",
            "throws", "true", "false", "try", "var", "void", "while", "yield");

    private Statements() {
    }

    /** The statements of the source, each as its normalised tokens joined by single spaces. */
    static List<String> of(String source) {
        List<String> tokens = tokens(source);
        List<String> statements = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String token : tokens) {
            current.add(token);
            if (token.equals(";") || token.equals("{") || token.equals("}")) {
                statements.add(String.join(" ", current));
                current.clear();
            }
        }
        if (!current.isEmpty()) {
            statements.add(String.join(" ", current));
        }
        return statements;
    }

    /** How many tokens a statement has. */
    static int length(String statement) {
        return statement.split(" ").length;
    }

    /** The tokens, comments dropped, names normalised (see the class comment). */
    static List<String> tokens(String s) {
        List<String> raw = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            } else if (c == '"' || c == '\'') {
                i = endOfLiteral(s, i, c);
                raw.add("S");
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i))) {
                    i++;
                }
                raw.add(s.substring(start, i));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
                    i++;
                }
                raw.add(s.substring(start, i));
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                boolean pair = Set.of("->", "++", "--", "+=", "-=", "*=", "/=", "==", "!=", "<=", ">=", "&&", "||", "::").contains(two);
                raw.add(pair ? two : String.valueOf(c));
                i += pair ? 2 : 1;
            }
        }
        List<String> normalised = new ArrayList<>(raw.size());
        for (int t = 0; t < raw.size(); t++) {
            String token = raw.get(t);
            boolean name = Character.isJavaIdentifierStart(token.charAt(0)) && !token.equals("S");
            boolean called = t + 1 < raw.size() && raw.get(t + 1).equals("(");
            boolean kept = !name || KEYWORDS.contains(token) || Character.isUpperCase(token.charAt(0)) || called;
            normalised.add(kept ? token : "v");
        }
        return normalised;
    }

    private static int endOfLiteral(String s, int start, char quote) {
        if (s.startsWith("\"\"\"", start)) {
            int end = s.indexOf("\"\"\"", start + 3);
            return end < 0 ? s.length() : end + 3;
        }
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote && s.charAt(i) != '\n') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, s.length());
    }
}
