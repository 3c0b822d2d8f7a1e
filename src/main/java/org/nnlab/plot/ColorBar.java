package org.nnlab.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * The key to a diverging colour map: a vertical bar from +limit (top, red) through 0 (white) to
 * −limit (bottom, blue), with round-numbered ticks and a label.
 */
final class ColorBar {
    static final double BAR_WIDTH = 18;
    private static final double TICK_SIZE = 12;
    private static final double TICK_LENGTH = 4;

    private final double limit;
    private final String label;

    ColorBar(double limit, String label) {
        this.limit = limit;
        this.label = label;
    }

    /** The width the bar, its tick labels and its turned label take. */
    double width() {
        double widest = ticks().stream().mapToDouble(t -> TextMetrics.width(t.label(), TICK_SIZE, false)).max().orElse(0);
        return BAR_WIDTH + TICK_LENGTH + 4 + widest + 10 + TextMetrics.height(TICK_SIZE + 1);
    }

    void draw(Canvas canvas, double x, double top, double height) {
        PixelImage bar = new PixelImage(1, 256);
        for (int row = 0; row < 256; row++) {
            bar.set(0, row, Colormaps.diverging(1 - 2 * row / 255.0));
        }
        canvas.image(x, top, BAR_WIDTH, height, bar);
        canvas.rect(x, top, BAR_WIDTH, height, Pen.solid(Color.GRAY, 1));
        double widest = 0;
        for (Tick tick : ticks()) {
            // All-zero weights (limit 0) have one tick, 0, in the middle of the bar.
            double y = limit > 0 ? top + (limit - tick.value()) / (2 * limit) * height : top + height / 2;
            canvas.line(x + BAR_WIDTH, y, x + BAR_WIDTH + TICK_LENGTH, y, Pen.solid(Color.GRAY, 1));
            canvas.text(tick.label(), x + BAR_WIDTH + TICK_LENGTH + 3, y, TextStyle.plain(TICK_SIZE, Anchor.CENTER_LEFT));
            widest = Math.max(widest, TextMetrics.width(tick.label(), TICK_SIZE, false));
        }
        // Turned anticlockwise, the label's top faces left: anchored by its top, it reads to the right of the ticks.
        double labelX = x + BAR_WIDTH + TICK_LENGTH + 4 + widest + 8;
        canvas.text(label, labelX, top + height / 2, TextStyle.plain(TICK_SIZE + 1, Anchor.TOP_CENTER).rotated(-90));
    }

    private List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        if (!(limit > 0)) {
            ticks.add(new Tick(0, "0"));
            return ticks;
        }
        // Nine asked for: Heckbert's rounding then leaves five to nine, enough to read a colour back as a number.
        double step = NiceNumbers.step(2 * limit, 9);
        int first = (int) Math.ceil(-limit / step - 1e-9);
        int last = (int) Math.floor(limit / step + 1e-9);
        for (int i = first; i <= last; i++) {
            double value = NiceNumbers.tickValue(0, i, step);
            ticks.add(new Tick(value, NiceNumbers.label(value, step)));
        }
        return ticks;
    }
}
