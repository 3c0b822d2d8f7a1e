package org.nnlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nnlab.plot.FigureFiles;
import org.nnlab.plot.HistoryCsv;
import org.nnlab.plot.MalformedHistoryException;
import org.nnlab.plot.MalformedRooflineException;
import org.nnlab.plot.Roofline;
import org.nnlab.plot.RooflineCsv;
import org.nnlab.plot.RooflineData;
import org.nnlab.training.History;

/**
 * {@code nnlab plot}: draws pictures from files a run left behind. Each input flag adds its own
 * pictures: {@code --history}, a CSV written by {@code nnlab train --plots}; {@code --roofline}, a CSV
 * of a machine's roofs and measured kernels ({@link RooflineCsv}).
 */
final class PlotCommand implements Main.Command {

    static Flags flags() {
        return new Flags("plot")
                .option("history", "FILE", null, "a history CSV (from nnlab train --plots): draws its loss and accuracy curves")
                .option("roofline", "FILE", null, "a roofline CSV (header " + RooflineCsv.HEADER + "; rows machine,"
                        + " compute, memory, point; see the book's chapter 7): draws roofline.png/.svg")
                .option("out", "DIR", null, "directory for the pictures, PNG and SVG (created if missing)")
                .option("title", "TEXT", null, "the run's setup, shown under each heading (default: names the input file)");
    }

    @Override
    public String summary() {
        return "draw learning curves from a saved history, or a roofline from measurements (PNG and SVG)";
    }

    @Override
    public int run(String[] args) {
        Flags flags = flags();
        if (!flags.parse(args)) {
            return 0;
        }
        if (flags.get("history") == null && flags.get("roofline") == null) {
            throw new UsageException("plot: nothing to draw; give --history FILE or --roofline FILE (see nnlab plot --help)");
        }
        if (flags.get("out") == null) {
            throw new UsageException("plot: --out DIR is required: the directory the pictures go to");
        }
        Path out = Path.of(flags.get("out"));
        List<Path> written = new ArrayList<>();
        try {
            if (flags.get("history") != null) {
                written.addAll(drawHistory(Path.of(flags.get("history")), flags.get("title"), out));
            }
            if (flags.get("roofline") != null) {
                written.addAll(drawRoofline(Path.of(flags.get("roofline")), flags.get("title"), out));
            }
        } catch (IOException e) {
            throw new CommandFailedException("nnlab plot: writing to " + out + " failed: " + e);
        }
        System.out.println(RunPlots.summary(written, out));
        return 0;
    }

    private static List<Path> drawHistory(Path file, String title, Path out) throws IOException {
        History history;
        try {
            history = HistoryCsv.read(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailedException("nnlab plot: --history " + file + ": no such file");
        } catch (MalformedHistoryException e) {
            throw new CommandFailedException("nnlab plot: --history " + e.getMessage());
        } catch (IOException e) {
            throw new CommandFailedException("nnlab plot: cannot read --history " + file + ": " + e);
        }
        if (history.epochs().isEmpty()) {
            throw new CommandFailedException("nnlab plot: --history " + file + " has a header but no epochs to draw");
        }
        Files.createDirectories(out);
        return RunPlots.writeCurves(history, title != null ? title : "history from " + file, out);
    }

    /** roofline.png and .svg from a CSV of roofs and measured kernels; the title defaults to the CSV's machine row. */
    private static List<Path> drawRoofline(Path file, String title, Path out) throws IOException {
        RooflineData data;
        try {
            data = RooflineCsv.read(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailedException("nnlab plot: --roofline " + file + ": no such file");
        } catch (MalformedRooflineException e) {
            throw new CommandFailedException("nnlab plot: --roofline " + e.getMessage());
        } catch (IOException e) {
            throw new CommandFailedException("nnlab plot: cannot read --roofline " + file + ": " + e);
        }
        String setup = title != null ? title : data.machine() != null ? data.machine() : "measurements from " + file;
        Files.createDirectories(out);
        return FigureFiles.writePngAndSvg(new Roofline(data, setup), out, "roofline");
    }
}
