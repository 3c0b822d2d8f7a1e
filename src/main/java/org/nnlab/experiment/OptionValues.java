package org.nnlab.experiment;

import java.math.BigDecimal;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The values an {@link ExperimentOption} takes: how they are read from text (the command line, a
 * search plan) and written back, what an error says is expected, and how they are saved in JSON.
 * Writing a value and reading it back gives the same value.
 *
 * @param expected  what a value must look like, for an error message: "a positive number"
 * @param parser    text to value; throws an IllegalArgumentException (a NumberFormatException when
 *                  {@code expected} says it all) for text that is no value
 * @param printer   value to text, as on the command line
 * @param savedForm the JSON type the value is saved as
 * @param toSaved   value to that JSON type (Double, Long, Boolean or String)
 * @param fromSaved back from it
 * @param isSwitch  whether the option is a switch, given without a value
 * @param <T>       the type of the values
 */
public record OptionValues<T>(String expected, Function<String, T> parser, Function<T, String> printer,
                              SavedForm savedForm, Function<T, Object> toSaved, Function<Object, T> fromSaved,
                              boolean isSwitch) {

    /** The JSON type a value is saved as. */
    public enum SavedForm { NUMBER, WHOLE_NUMBER, BOOLEAN, TEXT }

    /** The value written as {@code text}. */
    public T parse(String text) {
        return parser.apply(text);
    }

    /** The value as it is written on the command line. */
    public String text(T value) {
        return printer.apply(value);
    }

    /** The value as saved in JSON. */
    public Object toSaved(T value) {
        return toSaved.apply(value);
    }

    /** The value saved as {@code saved} in JSON. */
    public T fromSaved(Object saved) {
        return fromSaved.apply(saved);
    }

    /** A real number that satisfies {@code valid}, written without a trailing ".0": 0.5, 0, 1e-4 as 0.0001. */
    static OptionValues<Double> real(String expected, Predicate<Double> valid) {
        return new OptionValues<>(expected, text -> require(Double.parseDouble(text.trim()), valid),
                OptionValues::plain, SavedForm.NUMBER, value -> value, saved -> (Double) saved, false);
    }

    /** A whole number that satisfies {@code valid}. */
    static OptionValues<Integer> whole(String expected, Predicate<Integer> valid) {
        return new OptionValues<>(expected, text -> require(Integer.parseInt(text.trim()), valid), String::valueOf,
                SavedForm.WHOLE_NUMBER, Long::valueOf, saved -> Math.toIntExact((Long) saved), false);
    }

    /** Any whole number of 64 bits (seeds). */
    static OptionValues<Long> anyLong() {
        return new OptionValues<>("a whole number", text -> Long.parseLong(text.trim()), String::valueOf,
                SavedForm.WHOLE_NUMBER, value -> value, saved -> (Long) saved, false);
    }

    /** One of a set of names, or a small language such as a schedule's "per-epoch:0.9"; saved as that text. */
    static <T> OptionValues<T> named(String expected, Function<String, T> parser, Function<T, String> printer) {
        return new OptionValues<>(expected, parser, printer, SavedForm.TEXT, printer::apply,
                saved -> parser.apply((String) saved), false);
    }

    /** Two names for no and yes, saved as false and true. */
    static OptionValues<Boolean> yesNo(String no, String yes) {
        return new OptionValues<>(no + " or " + yes, text -> {
            String t = text.trim();
            if (!t.equals(no) && !t.equals(yes)) {
                throw new IllegalArgumentException("unknown value '" + text + "', expected " + no + " or " + yes);
            }
            return t.equals(yes);
        }, value -> value ? yes : no, SavedForm.BOOLEAN, value -> value, saved -> (Boolean) saved, false);
    }

    /** A switch: given on the command line, it is on; saved as true or false. */
    static OptionValues<Boolean> onOff() {
        return new OptionValues<>("", text -> true, value -> "", SavedForm.BOOLEAN, value -> value,
                saved -> (Boolean) saved, true);
    }

    private static <N> N require(N value, Predicate<N> valid) {
        if (!valid.test(value)) {
            throw new NumberFormatException();
        }
        return value;
    }

    /** Plain decimal text without a trailing ".0", which reads back as the same double. */
    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
