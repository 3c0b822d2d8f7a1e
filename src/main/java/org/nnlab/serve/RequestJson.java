package org.nnlab.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.nnlab.formats.Json;

/**
 * The JSON object a request sends, read with limits: at most {@link #MAX_BYTES} bytes (413
 * otherwise), UTF-8, nested at most {@link #MAX_DEPTH} deep, an object at the top (400 otherwise).
 * Fields are read by type, and a missing or wrong one is a 400 naming it.
 */
final class RequestJson {
    /** Enough for the largest picture a request may send (1024×1024 grey levels in base64, 1.4 MB). */
    static final int MAX_BYTES = 2 * 1024 * 1024;
    /**
     * Requests are flat objects with one object inside at most; a deeper nesting is refused before
     * it is parsed, because the parser descends one call per level and a body of a million '[' would
     * exhaust the stack.
     */
    static final int MAX_DEPTH = 4;
    /**
     * How much of an oversized body is read and dropped before the 413 goes out: a client that is
     * still sending when the server answers and closes gets a reset connection instead of the
     * answer. A larger body is cut off unread.
     */
    static final long MAX_DRAINED = 64L * 1024 * 1024;

    private final Map<String, Object> fields;
    /** "image." for the fields of the object in field "image", so that errors name them in full. */
    private final String path;

    private RequestJson(Map<String, Object> fields, String path) {
        this.fields = fields;
        this.path = path;
    }

    /** Reads and parses a request body whose declared length is {@code declaredLength} (-1: not declared). */
    static RequestJson read(InputStream body, long declaredLength) throws IOException {
        if (declaredLength > MAX_BYTES) {
            throw tooLarge(body, declaredLength);
        }
        byte[] bytes = readAtMost(body, MAX_BYTES);
        return parse(decode(bytes));
    }

    private static RequestException tooLarge(InputStream body, long declaredLength) throws IOException {
        if (declaredLength <= MAX_DRAINED) {
            byte[] buffer = new byte[65536];
            long drained = 0;
            int n;
            while (drained < MAX_DRAINED && (n = body.read(buffer)) > 0) {
                drained += n;
            }
        }
        return tooLarge();
    }

    private static RequestException tooLarge() {
        return new RequestException(413, "request body larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
    }

    private static byte[] readAtMost(InputStream body, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        int n;
        while ((n = body.read(buffer)) > 0) {
            if (out.size() + n > limit) {
                throw tooLarge(body, -1);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static String decode(byte[] bytes) {
        try {
            // A decoder of its own reports bad bytes (new String(bytes, UTF_8) would replace them silently).
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw RequestException.badRequest("request body is not UTF-8 text");
        }
    }

    static RequestJson parse(String text) {
        if (text.isBlank()) {
            throw RequestException.badRequest("request body is empty; expected a JSON object");
        }
        if (depth(text) > MAX_DEPTH) {
            throw RequestException.badRequest("JSON nested more than " + MAX_DEPTH + " levels deep");
        }
        Object value;
        try {
            value = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw RequestException.badRequest("malformed JSON: " + e.getMessage());
        }
        if (!(value instanceof Map<?, ?>)) {
            throw RequestException.badRequest("expected a JSON object, got " + describe(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return new RequestJson(map, "");
    }

    /** The deepest nesting of arrays and objects, outside strings. */
    private static int depth(String text) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return deepest;
    }

    boolean has(String field) {
        return fields.get(field) != null;
    }

    /** A whole number in [min, max]. */
    int integer(String field, int min, int max) {
        Object value = require(field);
        if (!(value instanceof Long n) || n < min || n > max) {
            throw RequestException.badRequest("field '" + path + field + "' must be a whole number from " + min + " to " + max
                    + ", got " + describe(value));
        }
        return n.intValue();
    }

    /** A finite number in (0, max]. */
    double positive(String field, double max) {
        Object value = require(field);
        double d = value instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!(d > 0 && d <= max)) {
            throw RequestException.badRequest("field '" + path + field + "' must be a number above 0 and at most " + max
                    + ", got " + describe(value));
        }
        return d;
    }

    String string(String field) {
        Object value = require(field);
        if (!(value instanceof String s)) {
            throw RequestException.badRequest("field '" + path + field + "' must be a string, got " + describe(value));
        }
        return s;
    }

    /** A nested object, read with the same rules; its fields are named "outer.inner" in errors. */
    RequestJson object(String field) {
        Object value = require(field);
        if (!(value instanceof Map<?, ?>)) {
            throw RequestException.badRequest("field '" + path + field + "' must be an object, got " + describe(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) value;
        return new RequestJson(inner, path + field + ".");
    }

    private Object require(String field) {
        Object value = fields.get(field);
        if (value == null) {
            throw RequestException.badRequest("field '" + path + field + "' is missing");
        }
        return value;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return s.length() > 40 ? "a string of " + s.length() + " characters" : "\"" + s + "\"";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof java.util.List<?>) {
            return "an array";
        }
        return String.valueOf(value);
    }
}
