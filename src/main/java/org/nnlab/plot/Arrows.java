package org.nnlab.plot;

import java.awt.Color;

/** Arrows and labelled boxes for the book's diagrams, drawn with the {@link Canvas}'s lines and text. */
final class Arrows {
    private static final double HEAD_LENGTH = 9;
    private static final double HEAD_HALF_ANGLE = Math.toRadians(24);

    private Arrows() {
    }

    /** A line from (x1, y1) to (x2, y2) with an open head at the second point. */
    static void arrow(Canvas canvas, double x1, double y1, double x2, double y2, Color color, double width) {
        Pen pen = Pen.solid(color, width);
        canvas.line(x1, y1, x2, y2, pen);
        double angle = Math.atan2(y2 - y1, x2 - x1);
        for (int side = -1; side <= 1; side += 2) {
            double a = angle + Math.PI + side * HEAD_HALF_ANGLE;
            canvas.line(x2, y2, x2 + HEAD_LENGTH * Math.cos(a), y2 + HEAD_LENGTH * Math.sin(a), pen);
        }
    }

    /** A box centred at (x, y) with a bold name and, under it, a smaller second line (a shape, an equation). */
    static void box(Canvas canvas, double x, double y, double width, double height, String name, String detail,
                    Color border, Color fill) {
        canvas.fillRect(x - width / 2, y - height / 2, width, height, fill);
        canvas.rect(x - width / 2, y - height / 2, width, height, Pen.solid(border, 1.6));
        if (detail == null || detail.isEmpty()) {
            canvas.text(name, x, y, TextStyle.bold(15, Anchor.CENTER).withColor(border));
            return;
        }
        canvas.text(name, x, y - 1, TextStyle.bold(15, Anchor.BOTTOM_CENTER).withColor(border));
        canvas.text(detail, x, y + 2, TextStyle.plain(13, Anchor.TOP_CENTER).withColor(border));
    }

    /** A disc with a darker rim, e.g. a unit of a layer. */
    static void unit(Canvas canvas, double x, double y, double radius, Color rim, Color fill) {
        canvas.dot(x, y, radius, rim);
        canvas.dot(x, y, radius - 1.8, fill);
    }
}
