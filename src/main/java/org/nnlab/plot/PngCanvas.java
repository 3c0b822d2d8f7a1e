package org.nnlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws into an RGB {@link BufferedImage} through Java2D, antialiased, on a white background. Works
 * without a display: Java2D never opens a window to draw into an image, and the launcher and the
 * tests run with {@code java.awt.headless=true} to make sure nothing tries.
 */
public final class PngCanvas implements Canvas {
    private final BufferedImage image;
    private final Graphics2D g;

    private PngCanvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        // The same metrics as TextMetrics measures with, so that laid-out labels fit.
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    /** The figure drawn into a new image of its size. */
    public static BufferedImage render(Figure figure) {
        PngCanvas canvas = new PngCanvas(figure.width(), figure.height());
        try {
            figure.draw(canvas);
        } finally {
            canvas.g.dispose();
        }
        return canvas.image;
    }

    @Override
    public int width() {
        return image.getWidth();
    }

    @Override
    public int height() {
        return image.getHeight();
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Pen pen) {
        use(pen);
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, Pen pen) {
        if (xs.length == 0) {
            return;
        }
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            path.lineTo(xs[i], ys[i]);
        }
        use(pen);
        g.draw(path);
    }

    @Override
    public void rect(double x, double y, double width, double height, Pen pen) {
        use(pen);
        g.draw(new Rectangle2D.Double(x, y, width, height));
    }

    @Override
    public void fillRect(double x, double y, double width, double height, Color fill) {
        g.setColor(fill);
        g.fill(new Rectangle2D.Double(x, y, width, height));
    }

    @Override
    public void dot(double centerX, double centerY, double radius, Color fill) {
        g.setColor(fill);
        g.fill(new Ellipse2D.Double(centerX - radius, centerY - radius, 2 * radius, 2 * radius));
    }

    @Override
    public void text(String text, double x, double y, TextStyle style) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(Math.toRadians(style.rotation()));
        g.setFont(TextMetrics.font(style.size(), style.bold()));
        g.setColor(style.color());
        g.drawString(text, (float) TextMetrics.startOffset(text, style), (float) TextMetrics.baselineOffset(style));
        g.setTransform(saved);
    }

    @Override
    public void image(double x, double y, double width, double height, PixelImage cells) {
        int left = (int) Math.round(x);
        int top = (int) Math.round(y);
        int w = (int) Math.round(x + width) - left;
        int h = (int) Math.round(y + height) - top;
        if (w > 0 && h > 0) {
            g.drawImage(cells.scaledTo(w, h), left, top, null);
        }
    }

    private void use(Pen pen) {
        g.setColor(pen.color());
        float width = (float) pen.width();
        if (pen.dashed()) {
            float[] dash = {(float) Pen.DASH[0] * width, (float) Pen.DASH[1] * width};
            g.setStroke(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
        } else {
            g.setStroke(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        }
    }
}
