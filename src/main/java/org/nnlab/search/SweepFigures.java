package org.nnlab.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.nnlab.plot.FigureFiles;
import org.nnlab.plot.LineChart;
import org.nnlab.plot.SweepPlot;
import org.nnlab.plot.SweepPoint;

/**
 * The sweep plots of a search: for each searched option whose values are numbers, validation
 * accuracy (mean ± standard deviation over seeds) against it, written as sweep-OPTION.png and .svg.
 *
 * <p>With other options searched too, each setting of the others is a line of its own (a 3 × 3
 * grid over lr and hidden gives three lines against lr, one per hidden size). When that makes no
 * lines to speak of (a random search, where no two configurations share the other values) or too
 * many, the plot shows instead the best configuration at each value.
 */
public final class SweepFigures {
    /** Seven colours, solid then dashed. */
    static final int MAX_LINES = 14;
    private static final Map<String, String> LABELS = Map.of("lr", "learning rate (--lr)",
            "hidden", "hidden units (--hidden)", "l2", "L2 strength λ (--l2)", "momentum", "momentum μ (--momentum)",
            "batch", "batch size (--batch)", "epochs", "epochs (--epochs)", "patience", "patience (--patience)");

    private SweepFigures() {
    }

    /** Draws every sweep the input has into {@code directory}; returns the files written (none when no option is numeric). */
    public static List<Path> write(SweepInput input, String setup, Path directory) throws IOException {
        List<Path> written = new ArrayList<>();
        for (String option : numericOptions(input)) {
            written.addAll(FigureFiles.writePngAndSvg(chart(input, option, setup), directory, "sweep-" + option));
        }
        return written;
    }

    /** The searched options with at least two different values, all of them numbers. */
    public static List<String> numericOptions(SweepInput input) {
        List<String> numeric = new ArrayList<>();
        for (String option : input.options()) {
            Set<String> values = input.points().stream().map(p -> p.values().get(option)).collect(Collectors.toSet());
            if (values.size() >= 2 && values.stream().allMatch(SweepFigures::isNumber)) {
                numeric.add(option);
            }
        }
        return numeric;
    }

    public static LineChart chart(SweepInput input, String option, String setup) {
        return SweepPlot.ofLines(LABELS.getOrDefault(option, "--" + option), lines(input, option),
                setup + (setup.isEmpty() ? "" : "; ") + "mean over seeds, bars ± 1 standard deviation");
    }

    /** One line per setting of the other options, or the best configuration at each value. */
    static List<SweepPlot.Line> lines(SweepInput input, String option) {
        Map<String, List<SweepPoint>> byOthers = new LinkedHashMap<>();
        for (SweepInput.Point p : input.points()) {
            byOthers.computeIfAbsent(others(p, option), k -> new ArrayList<>()).add(point(p, option));
        }
        boolean linesWorthDrawing = byOthers.size() <= MAX_LINES
                && byOthers.values().stream().allMatch(points -> points.size() >= 2);
        if (linesWorthDrawing) {
            List<SweepPlot.Line> lines = new ArrayList<>();
            byOthers.forEach((others, points) -> lines.add(new SweepPlot.Line(others.isEmpty() ? null : others, points)));
            return lines;
        }
        return List.of(new SweepPlot.Line("best configuration at each value (the other options vary)", bestAtEachValue(input, option)));
    }

    private static List<SweepPoint> bestAtEachValue(SweepInput input, String option) {
        Map<Double, SweepPoint> best = new TreeMap<>();
        for (SweepInput.Point p : input.points()) {
            SweepPoint candidate = point(p, option);
            best.merge(candidate.value(), candidate, (a, b) -> b.accuracy() > a.accuracy() ? b : a);
        }
        return List.copyOf(best.values());
    }

    /** "hidden 128, activation relu": the values of every searched option but {@code option}. */
    private static String others(SweepInput.Point p, String option) {
        List<String> parts = new ArrayList<>();
        p.values().forEach((name, value) -> {
            if (!name.equals(option)) {
                parts.add(name + " " + value);
            }
        });
        return String.join(", ", parts);
    }

    private static SweepPoint point(SweepInput.Point p, String option) {
        return new SweepPoint(Double.parseDouble(p.values().get(option)), p.validationMean(), p.validationStd());
    }

    private static boolean isNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
