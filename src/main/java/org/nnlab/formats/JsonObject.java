package org.nnlab.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed access to a parsed JSON object, whose errors name the field by its path
 * ({@code training.batch_size}) and say what was expected, so that a damaged metadata entry gets
 * a message a person can act on.
 */
public final class JsonObject {
    private final Map<String, Object> fields;
    private final String path;

    JsonObject(Map<String, Object> fields, String path) {
        this.fields = fields;
        this.path = path;
    }

    /** The object in a JSON text; anything else is an error. */
    public static JsonObject parse(String text, String what) {
        Object value = Json.parse(text);
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return new JsonObject(map, "");
    }

    public boolean has(String key) {
        return fields.containsKey(key) && fields.get(key) != null;
    }

    private Object require(String key) {
        if (!fields.containsKey(key)) {
            throw new IllegalArgumentException("metadata field " + path(key) + " is missing");
        }
        return fields.get(key);
    }

    /** Where field {@code key} of this object is in the whole document, e.g. "experiment.training.epochs", for messages. */
    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private IllegalArgumentException wrong(String key, String expected, Object value) {
        return new IllegalArgumentException("metadata field " + path(key) + " must be " + expected + ", got "
                + (value instanceof String ? "\"" + value + "\"" : String.valueOf(value)));
    }

    public String string(String key) {
        Object value = require(key);
        if (!(value instanceof String s)) {
            throw wrong(key, "a string", value);
        }
        return s;
    }

    /** A number; null (how NaN is written) reads as NaN. */
    public double number(String key) {
        Object value = require(key);
        if (value == null) {
            return Double.NaN;
        }
        if (!(value instanceof Number n)) {
            throw wrong(key, "a number", value);
        }
        return n.doubleValue();
    }

    public long whole(String key) {
        Object value = require(key);
        if (!(value instanceof Long l)) {
            throw wrong(key, "a whole number", value);
        }
        return l;
    }

    public int integer(String key) {
        long value = whole(key);
        if (value != (int) value) {
            throw wrong(key, "a whole number in int range", value);
        }
        return (int) value;
    }

    public boolean bool(String key) {
        Object value = require(key);
        if (!(value instanceof Boolean b)) {
            throw wrong(key, "true or false", value);
        }
        return b;
    }

    public JsonObject object(String key) {
        Object value = require(key);
        if (!(value instanceof Map<?, ?>)) {
            throw wrong(key, "an object", value);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return new JsonObject(map, path(key));
    }

    /** An array of objects. */
    public List<JsonObject> objects(String key) {
        Object value = require(key);
        if (!(value instanceof List<?> list)) {
            throw wrong(key, "an array", value);
        }
        List<JsonObject> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?>)) {
                throw wrong(key + "[" + i + "]", "an object", list.get(i));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) list.get(i);
            result.add(new JsonObject(map, path(key) + "[" + i + "]"));
        }
        return result;
    }

    /** Converts a field with a parser (e.g. an enum's parse); its error becomes one naming the field. */
    public <T> T parsed(String key, java.util.function.Function<String, T> parser) {
        String text = string(key);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("metadata field " + path(key) + ": " + e.getMessage());
        }
    }

    public Map<String, Object> asMap() {
        return fields;
    }
}
