package org.nnlab.plot;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;

/**
 * Measures text the way {@link PngCanvas} draws it, so that layouts (margins, legends, wrapped
 * titles) leave room for their labels. The SVG is laid out with the same numbers; a viewer with
 * another sans-serif font draws it a little wider or narrower, which the margins absorb.
 *
 * <p>Java's logical font "SansSerif" needs no font file of its own: on Debian it is DejaVu Sans,
 * which every JDK package pulls in through fontconfig.
 */
public final class TextMetrics {
    /** Antialiased, fractional metrics: widths do not depend on a screen, so headless gives the same. */
    static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);
    private static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private TextMetrics() {
    }

    static Font font(double size, boolean bold) {
        return BASE.deriveFont(bold ? Font.BOLD : Font.PLAIN, (float) size);
    }

    /** The advance width of {@code text} in pixels at {@code size}, plain or bold. */
    public static double width(String text, double size, boolean bold) {
        return font(size, bold).getStringBounds(text, CONTEXT).getWidth();
    }

    /** The advance width of {@code text} in pixels, drawn in {@code style}. */
    public static double width(String text, TextStyle style) {
        return width(text, style.size(), style.bold());
    }

    static double ascent(double size) {
        return lineMetrics(size).getAscent();
    }

    /** Ascent plus descent: the height of the box that {@link Anchor} refers to. */
    /** The height of a line of text at {@code size}: ascent plus descent. */
    public static double height(double size) {
        LineMetrics metrics = lineMetrics(size);
        return metrics.getAscent() + metrics.getDescent();
    }

    /**
     * Where the baseline goes, relative to the anchor point along the text's own vertical axis: the
     * box's top is {@code vertical × height} above the anchor, and the baseline one ascent below the top.
     */
    static double baselineOffset(TextStyle style) {
        return ascent(style.size()) - style.anchor().vertical * height(style.size());
    }

    /** Where the text starts, relative to the anchor point along the text's own horizontal axis. */
    static double startOffset(String text, TextStyle style) {
        return -style.anchor().horizontal * width(text, style);
    }

    private static LineMetrics lineMetrics(double size) {
        return font(size, false).getLineMetrics("Ag", CONTEXT);
    }
}
