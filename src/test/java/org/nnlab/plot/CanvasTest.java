package org.nnlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two canvases draw the same figure: PNG pixels where they belong, SVG that any XML parser reads. */
class CanvasTest {

    /** A small figure made of one call of each kind. */
    private static Figure sampler(String text) {
        return new Figure() {
            @Override
            public int width() {
                return 320;
            }

            @Override
            public int height() {
                return 200;
            }

            @Override
            public void draw(Canvas canvas) {
                canvas.fillRect(10, 10, 40, 40, Color.RED);
                canvas.line(60, 30, 160, 30, Pen.solid(Color.BLUE, 3));
                canvas.polyline(new double[] {60, 110, 160}, new double[] {60, 90, 60}, Pen.dashed(Color.GREEN, 2));
                canvas.rect(170, 10, 40, 40, Pen.solid(Color.BLACK, 1));
                canvas.dot(240, 30, 6, Color.MAGENTA);
                PixelImage checker = new PixelImage(2, 2);
                checker.set(0, 0, Color.BLACK);
                checker.set(1, 1, Color.BLACK);
                canvas.image(10, 110, 40, 40, checker);
                canvas.text(text, 160, 150, TextStyle.bold(20, Anchor.CENTER));
                canvas.text("turned", 300, 100, TextStyle.plain(14, Anchor.TOP_CENTER).rotated(-90));
            }
        };
    }

    @Test
    void thePngHasTheFigureSizeAndEachShapeWhereItWasDrawn() {
        BufferedImage png = PngCanvas.render(sampler("Hello"));
        assertEquals(320, png.getWidth());
        assertEquals(200, png.getHeight());
        assertEquals(Color.RED, Pixels.at(png, 30, 30));
        assertEquals(Color.WHITE, Pixels.at(png, 55, 55), "outside every shape the background is white");
        assertTrue(Pixels.colorNear(png, 110, 30, 1, Color.BLUE, 10));
        assertEquals(Color.MAGENTA, Pixels.at(png, 240, 30));
    }

    @Test
    void imageCellsAreSharpBlocksNotBlended() {
        BufferedImage png = PngCanvas.render(sampler("x"));
        for (int y = 110; y < 150; y++) {
            for (int x = 10; x < 50; x++) {
                boolean black = (x < 30) == (y < 130);
                assertEquals(black ? Color.BLACK : Color.WHITE, Pixels.at(png, x, y), "pixel (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void textIsRenderedWithARealFontHeadless() {
        // Without a usable font Java2D draws nothing (or boxes); a word must leave a good number of dark pixels.
        BufferedImage png = PngCanvas.render(sampler("Hello"));
        int dark = 0;
        for (int y = 135; y < 165; y++) {
            for (int x = 120; x < 200; x++) {
                dark += Pixels.luminance(Pixels.at(png, x, y)) < 0.5 ? 1 : 0;
            }
        }
        assertTrue(dark > 80, "the word 'Hello' at 20 px left only " + dark + " dark pixels");
        assertTrue(TextMetrics.width("Hello", 20, true) > 40, "text has a measured width");
    }

    @Test
    void theSvgIsWellFormedAndEscapesEveryText() throws Exception {
        String awkward = "a < b && c > \"d\" 'e' \u0001 λ²";
        String svg = SvgCanvas.render(sampler(awkward));
        List<String> texts = Svg.texts(svg);
        assertEquals(List.of("a < b && c > \"d\" 'e' \uFFFD λ²", "turned"), texts);
        assertEquals("320", Svg.parse(svg).getDocumentElement().getAttribute("width"));
        assertTrue(svg.contains("rotate(-90 300 100)"), "the turned text is rotated about its anchor");
        assertTrue(svg.contains("data:image/png;base64,"), "pixel images are embedded");
    }

    @Test
    void svgNumbersArePlainDecimals() {
        assertEquals("0", SvgCanvas.number(-0.0001));
        assertEquals("12.35", SvgCanvas.number(12.345678));
        assertEquals("1000000", SvgCanvas.number(1e6));
    }

    @Test
    void bothFilesAreWrittenAndReadable(@TempDir Path dir) throws Exception {
        List<Path> files = FigureFiles.writePngAndSvg(sampler("file"), dir, "sample");
        assertEquals(List.of(dir.resolve("sample.png"), dir.resolve("sample.svg")), files);
        BufferedImage png = ImageIO.read(files.get(0).toFile());
        assertEquals(320, png.getWidth());
        assertTrue(Svg.texts(Files.readString(files.get(1))).contains("file"));
        try (Stream<Path> listed = Files.list(dir)) {
            assertEquals(2, listed.count(), "no temporary files left behind");
        }
    }
}
