package org.nnlab.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void valuesSurviveAWriteAndParse() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "tab\there \"quoted\" ü");
        m.put("seed", Long.MIN_VALUE + 7);
        m.put("rate", 0.1 + 0.2);
        m.put("tiny", 1e-300);
        m.put("flag", true);
        m.put("none", null);
        m.put("list", List.of(1L, 2.5, "x"));
        m.put("nested", Map.of("k", List.of(Map.of("a", 1L))));
        assertEquals(m, Json.parse(Json.write(m)));
    }

    @Test
    void nanIsWrittenAsNullAndReadAsNaN() {
        JsonObject o = JsonObject.parse(Json.write(Map.of("loss", Double.NaN)), "test");
        assertTrue(Double.isNaN(o.number("loss")));
    }

    @Test
    void malformedTextNamesThePosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2}"));
        assertTrue(e.getMessage().contains("character 11"), e.getMessage());
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedByItsPath() {
        JsonObject o = JsonObject.parse("{\"training\": {\"epochs\": \"ten\"}}", "test");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.object("training").integer("epochs"));
        assertEquals("metadata field training.epochs must be a whole number, got \"ten\"", e.getMessage());
    }
}
