package org.nnlab.plot;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.nnlab.formats.AtomicFiles;

/** Writes figures to files: PNG through ImageIO, SVG as UTF-8 text, each renamed into place when complete. */
public final class FigureFiles {

    private FigureFiles() {
    }

    public static Path writePng(Figure figure, Path file) throws IOException {
        return AtomicFiles.write(file, out -> {
            if (!ImageIO.write(PngCanvas.render(figure), "png", out)) {
                throw new IOException("this JDK has no PNG writer");
            }
        });
    }

    public static Path writeSvg(Figure figure, Path file) throws IOException {
        String svg = SvgCanvas.render(figure);
        return AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write(svg);
            writer.flush();
        });
    }

    /** Writes {@code <directory>/<baseName>.png} and {@code .svg}; returns both paths. */
    public static List<Path> writePngAndSvg(Figure figure, Path directory, String baseName) throws IOException {
        return List.of(writePng(figure, directory.resolve(baseName + ".png")),
                writeSvg(figure, directory.resolve(baseName + ".svg")));
    }
}
