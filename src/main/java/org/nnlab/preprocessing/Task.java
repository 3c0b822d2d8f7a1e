package org.nnlab.preprocessing;

import java.util.Locale;

/**
 * What the network is asked about each image: which of the ten digits it shows, or whether it
 * shows one particular digit (report 002's "digit against the rest", a yes/no question answered
 * by one output).
 *
 * @param digit the digit of a yes/no task, or {@link #ALL_DIGITS} for the ten-class task
 */
public record Task(int digit) {
    public static final int ALL_DIGITS = -1;
    public static final Task TEN_CLASSES = new Task(ALL_DIGITS);

    public Task {
        if (digit < ALL_DIGITS || digit > 9) {
            throw new IllegalArgumentException("the digit of a digit-vs-rest task must be 0..9, got " + digit);
        }
    }

    public static Task digitVersusRest(int digit) {
        return new Task(digit);
    }

    public boolean isBinary() {
        return digit != ALL_DIGITS;
    }

    /** The label the network learns for an image of this digit: the digit, or 1 (yes) / 0 (no). */
    public int label(int imageDigit) {
        return isBinary() ? (imageDigit == digit ? 1 : 0) : imageDigit;
    }

    /** Distinct labels: 10, or 2. */
    public int classes() {
        return isBinary() ? 2 : 10;
    }

    /** Network outputs: one per digit, or a single yes/no output. */
    public int outputs() {
        return isBinary() ? 1 : 10;
    }

    /** A name per label, for tables: "0".."9", or "rest" and the digit. */
    public String className(int label) {
        return isBinary() ? (label == 1 ? "digit " + digit : "rest") : Integer.toString(label);
    }

    /** "digits" or e.g. "5-vs-rest"; {@link #parse} reads it back. */
    public String spec() {
        return isBinary() ? digit + "-vs-rest" : "digits";
    }

    public static Task parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("digits")) {
            return TEN_CLASSES;
        }
        if (t.matches("[0-9]-vs-rest")) {
            return digitVersusRest(t.charAt(0) - '0');
        }
        throw new IllegalArgumentException("unknown task '" + text + "', expected digits or D-vs-rest (D = 0..9)");
    }
}
