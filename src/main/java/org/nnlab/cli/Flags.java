package org.nnlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The flags of one command: each has a name, a default and a line of help. Parses
 * {@code --name value} and {@code --name=value}, and the positional arguments the command declares
 * (e.g. a model file); anything else is a {@link UsageException} naming the offending flag.
 */
public final class Flags {
    private final String command;
    private final Map<String, Flag> flags = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<Argument> arguments = new ArrayList<>();
    private final List<String> argumentValues = new ArrayList<>();

    private record Flag(String name, String defaultValue, String valueName, String help, boolean isSwitch) {
    }

    private record Argument(String name, String help) {
    }

    public Flags(String command) {
        this.command = command;
    }

    /** Declares {@code --name VALUE} with a default (null: no default, the flag is optional). */
    public Flags option(String name, String valueName, String defaultValue, String help) {
        flags.put(name, new Flag(name, defaultValue, valueName, help, false));
        return this;
    }

    /** Declares a switch {@code --name} that takes no value. */
    public Flags toggle(String name, String help) {
        flags.put(name, new Flag(name, null, null, help, true));
        return this;
    }

    /** Declares a positional argument, e.g. {@code MODEL}; they are required, in declaration order. */
    public Flags argument(String name, String help) {
        arguments.add(new Argument(name, help));
        return this;
    }

    /** Parses the arguments; returns false when --help was asked for (and help was printed). */
    public boolean parse(String[] args) {
        values.clear();
        argumentValues.clear();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.print(help());
                return false;
            }
            if (!arg.startsWith("--")) {
                if (argumentValues.size() < arguments.size()) {
                    argumentValues.add(arg);
                    continue;
                }
                throw new UsageException(command + ": unexpected argument '" + arg + "' (flags start with --; see nnlab "
                        + command + " --help)");
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            Flag flag = flags.get(name);
            if (flag == null) {
                throw new UsageException(command + ": unknown flag --" + name + " (see nnlab " + command + " --help)");
            }
            if (flag.isSwitch()) {
                if (value != null) {
                    throw new UsageException(command + ": --" + name + " takes no value");
                }
                value = "true";
            } else if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(command + ": --" + name + " needs a value (" + flag.valueName() + ")");
                }
                value = args[++i];
            }
            if (values.containsKey(name)) {
                throw new UsageException(command + ": --" + name + " is given twice (" + describe(name, values.get(name))
                        + " and " + describe(name, value) + "); give it once");
            }
            values.put(name, value);
        }
        return true;
    }

    private String describe(String name, String value) {
        return flags.get(name).isSwitch() ? "--" + name : "--" + name + " " + value;
    }

    /** The value of positional argument {@code name}; a usage error when it was not given. */
    public String argument(String name) {
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).name().equals(name)) {
                if (i >= argumentValues.size()) {
                    throw new UsageException(command + ": " + name + " is missing (" + arguments.get(i).help()
                            + "; see nnlab " + command + " --help)");
                }
                return argumentValues.get(i);
            }
        }
        throw new IllegalArgumentException("no argument " + name + " is declared");
    }

    /** The flag's value as given, or its default. */
    public String get(String name) {
        Flag flag = flags.get(name);
        if (flag == null) {
            throw new IllegalArgumentException("no flag --" + name + " is declared");
        }
        return values.getOrDefault(name, flag.defaultValue());
    }

    /** The command these flags belong to, e.g. "train", as it prefixes their error messages. */
    public String command() {
        return command;
    }

    /** Every declared flag's name, in declaration order. */
    public List<String> names() {
        return List.copyOf(flags.keySet());
    }

    /** Whether {@code name} is a switch (a flag without a value, e.g. --keep-best). */
    public boolean isSwitch(String name) {
        Flag flag = flags.get(name);
        return flag != null && flag.isSwitch();
    }

    public boolean isSet(String name) {
        return values.containsKey(name);
    }

    /** The names of the flags given on the command line, in order. */
    public List<String> setNames() {
        return List.copyOf(values.keySet());
    }

    /** The value converted by {@code parser}; a conversion error becomes a usage error naming the flag. */
    public <T> T get(String name, String expected, Function<String, T> parser) {
        String text = get(name);
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            if (e instanceof NumberFormatException || e.getMessage() == null) {
                throw new UsageException(command + ": --" + name + " must be " + expected + ", got '" + text + "'");
            }
            // The parser's own message already names the bad value and the valid ones.
            throw new UsageException(command + ": --" + name + ": " + e.getMessage());
        }
    }

    public int positiveInt(String name) {
        return get(name, "a whole number ≥ 1", text -> requirePositive(Integer.parseInt(text.trim())));
    }

    public int nonNegativeInt(String name) {
        return get(name, "a whole number ≥ 0", text -> requireNonNegative(Integer.parseInt(text.trim())));
    }

    public double positiveDouble(String name) {
        return get(name, "a positive number", text -> requirePositive(Double.parseDouble(text.trim())));
    }

    public double nonNegativeDouble(String name) {
        return get(name, "a number ≥ 0", text -> requireNonNegative(Double.parseDouble(text.trim())));
    }

    public long longValue(String name) {
        return get(name, "a whole number", text -> Long.parseLong(text.trim()));
    }

    private static <N extends Number> N requirePositive(N n) {
        if (!(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
            throw new NumberFormatException();
        }
        return n;
    }

    private static <N extends Number> N requireNonNegative(N n) {
        if (!(n.doubleValue() >= 0) || Double.isInfinite(n.doubleValue())) {
            throw new NumberFormatException();
        }
        return n;
    }

    /** The help text: usage and one line per flag with its default. */
    public String help() {
        StringBuilder sb = new StringBuilder("usage: nnlab ").append(command);
        arguments.forEach(a -> sb.append(' ').append(a.name()));
        sb.append(" [flags]\n\n");
        if (!arguments.isEmpty()) {
            sb.append("arguments:\n");
            arguments.forEach(a -> sb.append(String.format("  %-10s %s%n", a.name(), a.help())));
            sb.append('\n');
        }
        sb.append("flags:\n");
        List<String> left = new ArrayList<>();
        int width = "  --help".length();
        for (Flag f : flags.values()) {
            String l = "  --" + f.name() + (f.isSwitch() ? "" : " " + f.valueName());
            left.add(l);
            width = Math.max(width, l.length());
        }
        int i = 0;
        for (Flag f : flags.values()) {
            String l = left.get(i++);
            sb.append(l).append(" ".repeat(width - l.length() + 2)).append(f.help());
            if (f.defaultValue() != null) {
                sb.append(" (default: ").append(f.defaultValue()).append(')');
            }
            sb.append('\n');
        }
        sb.append("  --help").append(" ".repeat(width - "  --help".length() + 2)).append("show this help\n");
        return sb.toString();
    }
}
