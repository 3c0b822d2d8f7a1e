package org.nnlab.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * The two-layer network as units and connections: D inputs, H hidden units, C outputs, every unit
 * of a layer joined to every unit of the next, each layer labelled with its matrices and their
 * shapes. Large layers show their first and last units with "⋮" between.
 */
public final class NetworkDiagram implements Figure {
    private static final int WIDTH = 1000;
    private static final int MARGIN = 20;
    private static final int SHOWN_UNITS = 7;
    private static final double RADIUS = 13;
    private static final double UNIT_GAP = 40;
    private static final Color EDGE = new Color(0xC8C8C8);
    private static final Color INPUT = new Color(0x555555);
    private static final Color HIDDEN = new Color(0x0072B2);
    private static final Color OUTPUT = new Color(0xD55E00);
    private static final double LABEL_SIZE = 14;

    private final int inputs;
    private final int hidden;
    private final int outputs;
    private final String hiddenActivation;
    private final TitleBlock title;
    private final double top;
    private final int height;

    /**
     * @param hiddenActivation e.g. "ReLU", written on the hidden layer
     */
    public NetworkDiagram(int inputs, int hidden, int outputs, String hiddenActivation) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.outputs = outputs;
        this.hiddenActivation = hiddenActivation;
        this.title = new TitleBlock("The two-layer network, " + inputs + "-" + hidden + "-" + outputs,
                "one example: a row x of X; a batch stacks N such rows",
                "Every input feeds every hidden unit through W1, every hidden unit every output through W2; each unit"
                        + " adds its bias. Lines drawn for the units shown only; ⋮ stands for the units left out.");
        this.top = MARGIN + title.height(WIDTH - 2 * MARGIN) + 64;
        this.height = (int) Math.ceil(top + (SHOWN_UNITS + 1) * UNIT_GAP + 120);
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void draw(Canvas canvas) {
        title.draw(canvas, MARGIN, MARGIN, WIDTH - 2 * MARGIN);
        double[] columns = {170, 500, 830};
        List<double[]> in = positions(inputs, columns[0]);
        List<double[]> mid = positions(hidden, columns[1]);
        List<double[]> out = positions(outputs, columns[2]);
        connect(canvas, in, mid);
        connect(canvas, mid, out);
        drawUnits(canvas, in, inputs, INPUT, "x", false);
        drawUnits(canvas, mid, hidden, HIDDEN, "a", false);
        drawUnits(canvas, out, outputs, OUTPUT, "p", true);

        double labelTop = top - 26;
        canvas.text("input: " + inputs + " pixels", columns[0], labelTop, TextStyle.bold(LABEL_SIZE, Anchor.BOTTOM_CENTER));
        canvas.text("hidden: H = " + hidden + " " + hiddenActivation + " units", columns[1], labelTop,
                TextStyle.bold(LABEL_SIZE, Anchor.BOTTOM_CENTER).withColor(HIDDEN));
        canvas.text("output: C = " + outputs + " classes", columns[2], labelTop,
                TextStyle.bold(LABEL_SIZE, Anchor.BOTTOM_CENTER).withColor(OUTPUT));

        double bottom = top + (SHOWN_UNITS + 0.6) * UNIT_GAP;
        layerNote(canvas, columns[0], bottom, "X: N×" + inputs, "one image per row");
        layerNote(canvas, (columns[0] + columns[1]) / 2, bottom + 44, "W1: " + inputs + "×" + hidden + ",  b1: 1×" + hidden,
                "Z1 = X·W1 + b1  (2.1)");
        layerNote(canvas, columns[1], bottom, "Z1, A1: N×" + hidden, "A1 = g(Z1)  (2.2)");
        layerNote(canvas, (columns[1] + columns[2]) / 2, bottom + 44, "W2: " + hidden + "×" + outputs + ",  b2: 1×" + outputs,
                "Z2 = A1·W2 + b2  (2.3)");
        layerNote(canvas, columns[2], bottom, "Z2, P: N×" + outputs, "P = softmax(Z2)  (2.10)");
    }

    private static void layerNote(Canvas canvas, double x, double y, String shapes, String equation) {
        canvas.text(shapes, x, y, TextStyle.plain(LABEL_SIZE, Anchor.TOP_CENTER));
        canvas.text(equation, x, y + 19, TextStyle.plain(13, Anchor.TOP_CENTER).withColor(new Color(0x555555)));
    }

    /** The centres of the units drawn for a layer of {@code count}: all of them, or the first few, a gap, and the last. */
    private List<double[]> positions(int count, double x) {
        int shown = Math.min(count, SHOWN_UNITS);
        double span = (shown - 1) * UNIT_GAP;
        double firstY = top + ((SHOWN_UNITS - 1) * UNIT_GAP - span) / 2;
        List<double[]> centres = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            boolean gap = count > SHOWN_UNITS && i == shown - 2;
            centres.add(new double[] {x, firstY + i * UNIT_GAP, gap ? 1 : 0});
        }
        return centres;
    }

    private static void connect(Canvas canvas, List<double[]> from, List<double[]> to) {
        Pen pen = Pen.solid(EDGE, 1);
        for (double[] a : from) {
            for (double[] b : to) {
                if (a[2] == 0 && b[2] == 0) {
                    canvas.line(a[0] + RADIUS, a[1], b[0] - RADIUS, b[1], pen);
                }
            }
        }
    }

    /** The units and their names, left of each unit (over a white patch, where lines arrive) or right of it. */
    private static void drawUnits(Canvas canvas, List<double[]> centres, int count, Color color, String letter,
                                  boolean namesOnTheRight) {
        Color fill = new Color(0xFFFFFF);
        for (int i = 0; i < centres.size(); i++) {
            double[] c = centres.get(i);
            if (c[2] == 1) {
                canvas.text("⋮", c[0], c[1], TextStyle.bold(22, Anchor.CENTER).withColor(color));
                continue;
            }
            int index = i == centres.size() - 1 ? count : i + 1;
            Arrows.unit(canvas, c[0], c[1], RADIUS, color, fill);
            String name = letter + index;
            if (namesOnTheRight) {
                canvas.text(name, c[0] + RADIUS + 6, c[1], TextStyle.plain(13, Anchor.CENTER_LEFT).withColor(color));
            } else {
                double w = TextMetrics.width(name, 13, false);
                canvas.fillRect(c[0] - RADIUS - 8 - w, c[1] - 8, w + 4, 16, Color.WHITE);
                canvas.text(name, c[0] - RADIUS - 6, c[1], TextStyle.plain(13, Anchor.CENTER_RIGHT).withColor(color));
            }
        }
    }
}
