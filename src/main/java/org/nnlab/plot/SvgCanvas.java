package org.nnlab.plot;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes the drawing as SVG text, by hand: one element per call, numbers rounded to hundredths of a
 * pixel, text escaped for XML. Pixel images are embedded as PNG data at the size they are shown,
 * so every viewer shows the same sharp cells.
 */
public final class SvgCanvas implements Canvas {
    /** DejaVu Sans first: the font the PNG is drawn with on Debian, and so the one the layout was measured with. */
    private static final String FONT_FAMILY = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

    private final int width;
    private final int height;
    private final StringBuilder svg = new StringBuilder();

    private SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** The figure as a complete SVG document. */
    public static String render(Figure figure) {
        SvgCanvas canvas = new SvgCanvas(figure.width(), figure.height());
        canvas.svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
                .append(" version=\"1.1\" width=\"").append(figure.width()).append("\" height=\"").append(figure.height())
                .append("\" viewBox=\"0 0 ").append(figure.width()).append(' ').append(figure.height()).append("\"")
                .append(" font-family=\"").append(FONT_FAMILY).append("\">\n");
        canvas.fillRect(0, 0, figure.width(), figure.height(), Color.WHITE);
        figure.draw(canvas);
        canvas.svg.append("</svg>\n");
        return canvas.svg.toString();
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Pen pen) {
        svg.append("<line x1=\"").append(number(x1)).append("\" y1=\"").append(number(y1))
                .append("\" x2=\"").append(number(x2)).append("\" y2=\"").append(number(y2)).append('"');
        stroke(pen);
        svg.append("/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, Pen pen) {
        svg.append("<polyline fill=\"none\" stroke-linejoin=\"round\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            svg.append(i == 0 ? "" : " ").append(number(xs[i])).append(',').append(number(ys[i]));
        }
        svg.append('"');
        stroke(pen);
        svg.append("/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, Pen pen) {
        rectangle(x, y, w, h);
        svg.append(" fill=\"none\"");
        stroke(pen);
        svg.append("/>\n");
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Color fill) {
        rectangle(x, y, w, h);
        svg.append(" fill=\"").append(hex(fill)).append("\"/>\n");
    }

    @Override
    public void dot(double centerX, double centerY, double radius, Color fill) {
        svg.append("<circle cx=\"").append(number(centerX)).append("\" cy=\"").append(number(centerY))
                .append("\" r=\"").append(number(radius)).append("\" fill=\"").append(hex(fill)).append("\"/>\n");
    }

    @Override
    public void text(String text, double x, double y, TextStyle style) {
        String anchor = style.anchor().horizontal == 0 ? "start" : style.anchor().horizontal == 1 ? "end" : "middle";
        // The baseline is placed from measured metrics, not with dominant-baseline, which viewers disagree on.
        svg.append("<text x=\"").append(number(x)).append("\" y=\"").append(number(y + TextMetrics.baselineOffset(style)))
                .append("\" font-size=\"").append(number(style.size())).append('"');
        if (style.bold()) {
            svg.append(" font-weight=\"bold\"");
        }
        if (!style.color().equals(Color.BLACK)) {
            svg.append(" fill=\"").append(hex(style.color())).append('"');
        }
        if (!anchor.equals("start")) {
            svg.append(" text-anchor=\"").append(anchor).append('"');
        }
        if (style.rotation() != 0) {
            svg.append(" transform=\"rotate(").append(number(style.rotation())).append(' ')
                    .append(number(x)).append(' ').append(number(y)).append(")\"");
        }
        svg.append('>').append(escape(text)).append("</text>\n");
    }

    @Override
    public void image(double x, double y, double w, double h, PixelImage cells) {
        int pixelsWide = Math.max(1, (int) Math.round(w));
        int pixelsHigh = Math.max(1, (int) Math.round(h));
        svg.append("<image x=\"").append(number(x)).append("\" y=\"").append(number(y))
                .append("\" width=\"").append(number(w)).append("\" height=\"").append(number(h))
                .append("\" preserveAspectRatio=\"none\" image-rendering=\"optimizeSpeed\"")
                .append(" style=\"image-rendering:pixelated\" xlink:href=\"data:image/png;base64,")
                .append(pngBase64(cells, pixelsWide, pixelsHigh)).append("\"/>\n");
    }

    /** Text as XML character data or attribute value: markup characters escaped, characters XML forbids replaced. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (isAllowedInXml(c)) {
                        out.append(c);
                    } else {
                        out.append('\uFFFD');
                    }
                }
            }
        }
        return out.toString();
    }

    /** XML 1.0 allows tab, newline, carriage return and U+0020 upwards, except lone surrogates, U+FFFE and U+FFFF. */
    private static boolean isAllowedInXml(char c) {
        return c == '\t' || c == '\n' || c == '\r'
                || (c >= 0x20 && !Character.isSurrogate(c) && c != '\uFFFE' && c != '\uFFFF');
    }

    private void rectangle(double x, double y, double w, double h) {
        svg.append("<rect x=\"").append(number(x)).append("\" y=\"").append(number(y))
                .append("\" width=\"").append(number(w)).append("\" height=\"").append(number(h)).append('"');
    }

    private void stroke(Pen pen) {
        svg.append(" stroke=\"").append(hex(pen.color())).append("\" stroke-width=\"").append(number(pen.width())).append('"');
        if (pen.dashed()) {
            svg.append(" stroke-dasharray=\"").append(number(Pen.DASH[0] * pen.width())).append(' ')
                    .append(number(Pen.DASH[1] * pen.width())).append('"');
        }
    }

    private static String pngBase64(PixelImage cells, int w, int h) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(cells.scaledTo(w, h), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding an embedded image failed", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static String hex(Color color) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", color.getRed(), color.getGreen(), color.getBlue());
    }

    /** Plain decimal (never exponent notation), at most two decimals, no trailing zeros. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("an SVG coordinate must be finite, got " + value);
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }
}
