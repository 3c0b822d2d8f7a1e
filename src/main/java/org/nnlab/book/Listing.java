package org.nnlab.book;

import java.util.ArrayList;
import java.util.List;

/**
 * A console listing of the book, as it is stored in {@code docs/listings/NAME.console} and shown
 * in a chapter: one or more commands, each on a line that starts with {@code $ }, each followed by
 * what it printed. The book build runs every command again and compares ({@link OutputComparison}).
 *
 * @param name  the file's name, e.g. "gradcheck-mnist.console", for messages
 * @param steps the commands in order, each with the output the book shows for it
 */
public record Listing(String name, List<Step> steps) {
    static final String PROMPT = "$ ";

    /** One command and the lines the book shows it printing. */
    public record Step(String command, List<String> output) {
        public Step {
            output = List.copyOf(output);
        }
    }

    public Listing {
        steps = List.copyOf(steps);
    }

    /** Reads a listing; its first line must be a command. */
    public static Listing parse(String name, String text) {
        List<Step> steps = new ArrayList<>();
        String command = null;
        List<String> output = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(PROMPT)) {
                if (command != null) {
                    steps.add(new Step(command, trimTrailingBlankLines(output)));
                }
                command = line.substring(PROMPT.length()).strip();
                output = new ArrayList<>();
            } else if (command == null) {
                if (!line.isBlank()) {
                    throw new IllegalArgumentException(name + ": a listing starts with a command line '$ …', got '" + line + "'");
                }
            } else {
                output.add(line);
            }
        }
        if (command == null) {
            throw new IllegalArgumentException(name + ": no command line ('$ …') in the listing");
        }
        steps.add(new Step(command, trimTrailingBlankLines(output)));
        return new Listing(name, steps);
    }

    /** The listing as the book stores and shows it. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Step step : steps) {
            sb.append(PROMPT).append(step.command()).append('\n');
            step.output().forEach(line -> sb.append(line).append('\n'));
        }
        return sb.toString();
    }

    /** The same commands with other outputs, e.g. those just printed, for rewriting the file. */
    public Listing withOutputs(List<List<String>> outputs) {
        if (outputs.size() != steps.size()) {
            throw new IllegalArgumentException(steps.size() + " commands but " + outputs.size() + " outputs");
        }
        List<Step> replaced = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            replaced.add(new Step(steps.get(i).command(), trimTrailingBlankLines(outputs.get(i))));
        }
        return new Listing(name, replaced);
    }

    /** The lines of a printed text, without the line break after the last and without trailing spaces. */
    static List<String> lines(String printed) {
        List<String> lines = new ArrayList<>();
        for (String line : printed.replace("\r\n", "\n").split("\n", -1)) {
            lines.add(line.stripTrailing());
        }
        return trimTrailingBlankLines(lines);
    }

    private static List<String> trimTrailingBlankLines(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return List.copyOf(lines.subList(0, end));
    }
}
