package org.nnlab.bench.roofline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.nnlab.plot.FigureFiles;

/**
 * Draws the roofline of chapter 7 from the CSV that {@code bench/roofline_csv.py} writes:
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.nnlab.bench.roofline.RooflinePlot docs/data/roofline.csv docs/images
 * </pre>
 *
 * writes {@code roofline.png} and {@code roofline.svg} into the directory, titled with the CSV's
 * machine row (or {@code --title TEXT}). A bad row is reported in one line naming the file and
 * line, with exit status 1; a wrong command line with exit status 2.
 */
public final class RooflinePlot {
    static final String USAGE = "usage: RooflinePlot CSV OUT_DIR [--title TEXT]\n"
            + "  CSV: header " + RooflineCsv.HEADER + "; one row per machine (its description), compute roof\n"
            + "       (flops and seconds: a peak rate), memory roof (bytes and seconds: a bandwidth) and measured\n"
            + "       point (series, label, flops, bytes and seconds of one kernel call); see the book's chapter 7\n"
            + "  writes OUT_DIR/roofline.png and OUT_DIR/roofline.svg\n";

    private RooflinePlot() {
    }

    /** Runs {@link #run} and exits with its status. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    /** Draws the figure; returns the exit status after printing what was written or what went wrong. */
    static int run(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(USAGE);
            return 0;
        }
        int titleAt = arguments.indexOf("--title");
        String title = titleAt >= 0 && titleAt + 1 < arguments.size() ? arguments.get(titleAt + 1) : null;
        List<String> paths = titleAt >= 0 ? arguments.subList(0, titleAt) : arguments;
        if (paths.size() != 2 || (titleAt >= 0 && (title == null || titleAt + 2 != arguments.size()))) {
            System.err.print("RooflinePlot: expected CSV OUT_DIR [--title TEXT]\n" + USAGE);
            return 2;
        }
        Path csv = Path.of(paths.get(0));
        Path out = Path.of(paths.get(1));
        try {
            RooflineData data = RooflineCsv.read(csv);
            String setup = title != null ? title : data.machine() != null ? data.machine() : "measurements from " + csv;
            Files.createDirectories(out);
            List<Path> written = FigureFiles.writePngAndSvg(new Roofline(data, setup), out, "roofline");
            System.out.println("RooflinePlot: wrote " + String.join(", ", written.stream().map(Path::toString).toList()));
            return 0;
        } catch (NoSuchFileException e) {
            System.err.println("RooflinePlot: " + csv + ": no such file");
        } catch (MalformedRooflineException e) {
            System.err.println("RooflinePlot: " + e.getMessage());
        } catch (IOException e) {
            System.err.println("RooflinePlot: " + e);
        }
        return 1;
    }
}
