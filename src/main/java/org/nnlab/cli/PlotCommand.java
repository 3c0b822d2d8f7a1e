package org.nnlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nnlab.plot.HistoryCsv;
import org.nnlab.plot.MalformedHistoryException;
import org.nnlab.search.SearchDirectory;
import org.nnlab.search.SearchPlan;
import org.nnlab.search.SweepFigures;
import org.nnlab.search.SweepInput;
import org.nnlab.search.TableCsv;
import org.nnlab.training.History;

/**
 * {@code nnlab plot}: draws pictures from files a run left behind. Each input flag adds its own
 * pictures: {@code --history}, a CSV written by {@code nnlab train --plots}, and {@code --search}, the
 * table.csv of {@code nnlab search}.
 */
final class PlotCommand implements Main.Command {

    static Flags flags() {
        return new Flags("plot")
                .option("history", "FILE", null, "a history CSV (from nnlab train --plots): draws its loss and accuracy curves")
                .option("search", "FILE", null, "a search's table.csv (from nnlab search): draws validation accuracy"
                        + " against each numeric option searched")
                .option("out", "DIR", null, "directory for the pictures, PNG and SVG (created if missing)")
                .option("title", "TEXT", null, "the run's setup, shown under each heading (default: names the input file)");
    }

    @Override
    public String summary() {
        return "draw learning curves from a saved history, or a search's sweep plots (PNG and SVG)";
    }

    @Override
    public int run(String[] args) {
        Flags flags = flags();
        if (!flags.parse(args)) {
            return 0;
        }
        if (flags.get("history") == null && flags.get("search") == null) {
            throw new UsageException("plot: nothing to draw; give --history FILE or --search FILE (see nnlab plot --help)");
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
            if (flags.get("search") != null) {
                written.addAll(drawSearch(Path.of(flags.get("search")), flags.get("title"), out));
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

    /** The sweep plots of a search table; the subtitle describes the search when its plan.json lies beside the table. */
    private static List<Path> drawSearch(Path file, String title, Path out) throws IOException {
        SweepInput sweep;
        try {
            sweep = TableCsv.read(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailedException("nnlab plot: --search " + file + ": no such file");
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException("nnlab plot: --search " + e.getMessage());
        }
        if (SweepFigures.numericOptions(sweep).isEmpty()) {
            throw new CommandFailedException("nnlab plot: --search " + file + ": no numeric option with two or more"
                    + " values that trained, so there is no sweep to draw");
        }
        Files.createDirectories(out);
        return SweepFigures.write(sweep, title != null ? title : searchSetup(file), out);
    }

    private static String searchSetup(Path table) {
        Path directory = table.toAbsolutePath().getParent();
        try {
            return SearchDirectory.storedPlan(directory).map(SearchPlan::describe).orElse("search table " + table);
        } catch (IOException | IllegalArgumentException e) {
            return "search table " + table;
        }
    }
}
