package org.nnlab.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * The text above a figure: a bold heading (what is shown), the run's setup (which run), and a
 * caption (how to read it). The last two wrap onto as many lines as the width needs.
 */
public final class TitleBlock {
    static final double HEADING_SIZE = 19;
    static final double SETUP_SIZE = 14;
    static final double CAPTION_SIZE = 13;
    private static final double LINE_GAP = 1.3;
    private static final Color SETUP_COLOR = new Color(0x222222);
    private static final Color CAPTION_COLOR = new Color(0x555555);

    private final String heading;
    private final String setup;
    private final String caption;

    /**
     * A title block; {@code setup} and {@code caption} may be null or empty.
     *
     * @param heading what is shown, in bold
     * @param setup   which run it comes from
     * @param caption how to read it
     */
    public TitleBlock(String heading, String setup, String caption) {
        this.heading = heading;
        this.setup = setup == null ? "" : setup.strip();
        this.caption = caption == null ? "" : caption.strip();
    }

    /** The block's height when it wraps to {@code width} pixels. */
    public double height(double width) {
        return HEADING_SIZE * LINE_GAP
                + wrap(setup, SETUP_SIZE, width).size() * SETUP_SIZE * LINE_GAP
                + wrap(caption, CAPTION_SIZE, width).size() * CAPTION_SIZE * LINE_GAP;
    }

    /** Draws the block centred over [left, left + width], starting at {@code top}; returns where it ends. */
    public double draw(Canvas canvas, double left, double top, double width) {
        double centre = left + width / 2;
        double y = top;
        canvas.text(heading, centre, y, TextStyle.bold(HEADING_SIZE, Anchor.TOP_CENTER));
        y += HEADING_SIZE * LINE_GAP;
        for (String line : wrap(setup, SETUP_SIZE, width)) {
            canvas.text(line, centre, y, TextStyle.plain(SETUP_SIZE, Anchor.TOP_CENTER).withColor(SETUP_COLOR));
            y += SETUP_SIZE * LINE_GAP;
        }
        for (String line : wrap(caption, CAPTION_SIZE, width)) {
            canvas.text(line, centre, y, TextStyle.plain(CAPTION_SIZE, Anchor.TOP_CENTER).withColor(CAPTION_COLOR));
            y += CAPTION_SIZE * LINE_GAP;
        }
        return y;
    }

    /**
     * Wraps text to the width in as few lines as it takes, as evenly as it can: the lines are
     * wrapped to the narrowest width that needs no more lines than the full width, so that no
     * line is left holding a word or two ("…, 1 epochs," / "seed 1").
     */
    static List<String> wrap(String text, double size, double width) {
        List<String> lines = wrapToWidth(text, size, width);
        if (lines.size() < 2) {
            return lines;
        }
        double enough = width;
        double tooNarrow = 0;
        while (enough - tooNarrow > 1) {
            double middle = (enough + tooNarrow) / 2;
            if (wrapToWidth(text, size, middle).size() <= lines.size()) {
                enough = middle;
            } else {
                tooNarrow = middle;
            }
        }
        return wrapToWidth(text, size, enough);
    }

    /**
     * Wraps text to the width. A run's setup reads as clauses ("network …; SGD …"), so a text that
     * does not fit on one line breaks after a semicolon first, and only within a clause when the
     * clause alone is too wide; "…, 1 epochs, seed" / "1" is what plain word wrap did.
     */
    private static List<String> wrapToWidth(String text, double size, double width) {
        if (text.isBlank() || TextMetrics.width(text.strip(), size, false) <= width) {
            return text.isBlank() ? List.of() : List.of(text.strip());
        }
        List<String> lines = new ArrayList<>();
        for (String clause : text.strip().split("(?<=;)\\s+")) {
            List<String> clauseLines = wrapWords(clause, size, width);
            String last = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            // A clause joins the line before only whole: "A; B" on one line, else "A;" / "B".
            if (last != null && clauseLines.size() == 1
                    && TextMetrics.width(last + " " + clauseLines.get(0), size, false) <= width) {
                lines.set(lines.size() - 1, last + " " + clauseLines.get(0));
            } else {
                lines.addAll(clauseLines);
            }
        }
        return lines;
    }

    /** Greedy word wrap; a word wider than the line gets a line of its own. */
    private static List<String> wrapWords(String text, double size, double width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && TextMetrics.width(candidate, size, false) > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(candidate);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
