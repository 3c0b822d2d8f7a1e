package org.nnlab.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One point of a search: a number (1, 2, ... in plan order) and the value of each searched option,
 * as text in the form the option takes on the command line, e.g. {lr=0.05, hidden=128}.
 */
public record Configuration(int number, Map<String, String> values) {

    public Configuration {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** "lr 0.05, hidden 128". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        values.forEach((option, value) -> parts.add(option + " " + value));
        return String.join(", ", parts);
    }

    /** The values as train flags: --lr 0.05 --hidden 128. */
    public List<String> arguments() {
        List<String> arguments = new ArrayList<>();
        values.forEach((option, value) -> {
            arguments.add("--" + option);
            arguments.add(value);
        });
        return arguments;
    }
}
