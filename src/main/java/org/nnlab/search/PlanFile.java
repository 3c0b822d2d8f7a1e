package org.nnlab.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnlab.formats.AtomicFiles;
import org.nnlab.formats.Json;

/**
 * plan.json in a search directory: the plan as JSON, written before the first run, so that a
 * later {@code nnlab search} into the same directory can tell whether it continues this search or
 * would mix another one into it. The configurations are listed too, for a reader and as a check.
 */
public final class PlanFile {
    public static final String NAME = "plan.json";
    static final String FORMAT = "nnlab-search-plan";
    static final int VERSION = 1;

    private PlanFile() {
    }

    public static void write(Path directory, SearchPlan plan) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("version", (long) VERSION);
        json.put("searched", plan.specTexts());
        json.put("fixed", plan.fixed());
        json.put("seeds", plan.seeds());
        json.put("random", (long) plan.randomCount());
        json.put("search_seed", plan.searchSeed());
        List<Object> configurations = new ArrayList<>();
        for (Configuration c : plan.configurations()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("number", (long) c.number());
            entry.put("values", c.values());
            configurations.add(entry);
        }
        json.put("configurations", configurations);
        byte[] text = Json.write(json).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(directory.resolve(NAME), out -> out.write(text));
    }

    /** The plan stored in {@code file}; an IllegalArgumentException naming the file and field when it is damaged. */
    public static SearchPlan read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            Map<String, Object> json = map(Json.parse(text), "the whole file");
            if (!FORMAT.equals(json.get("format")) || !Long.valueOf(VERSION).equals(json.get("version"))) {
                throw new IllegalArgumentException("not an nnlab search plan (format " + FORMAT + ", version " + VERSION + ")");
            }
            SearchPlan expanded = SearchPlan.of(strings(json.get("fixed"), "fixed"), strings(json.get("searched"), "searched"),
                    longs(json.get("seeds"), "seeds"), (int) whole(json.get("random"), "random"),
                    whole(json.get("search_seed"), "search_seed"));
            List<Configuration> stored = new ArrayList<>();
            for (Object entry : list(json.get("configurations"), "configurations")) {
                Map<String, Object> c = map(entry, "configurations[]");
                stored.add(new Configuration((int) whole(c.get("number"), "number"), strings(c.get("values"), "values")));
            }
            // The stored list, not the re-expanded one: SearchPlan.difference then notices an edited file.
            return new SearchPlan(expanded.fixed(), expanded.searched(), expanded.seeds(), expanded.randomCount(),
                    expanded.searchSeed(), stored);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException(file + " is damaged: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String field) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("field " + field + " must be an object");
        }
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value, String field) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("field " + field + " must be an array");
        }
        return list;
    }

    private static Map<String, String> strings(Object value, String field) {
        Map<String, String> strings = new LinkedHashMap<>();
        map(value, field).forEach((key, v) -> {
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException("field " + field + "." + key + " must be a string");
            }
            strings.put(key, s);
        });
        return strings;
    }

    private static List<Long> longs(Object value, String field) {
        List<Long> longs = new ArrayList<>();
        for (Object v : list(value, field)) {
            longs.add(whole(v, field + "[]"));
        }
        return longs;
    }

    private static long whole(Object value, String field) {
        if (!(value instanceof Long l)) {
            throw new IllegalArgumentException("field " + field + " must be a whole number");
        }
        return l;
    }
}
