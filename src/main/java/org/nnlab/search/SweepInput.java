package org.nnlab.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a sweep plot needs from a search: the searched options, and per configuration with results
 * its values and the mean and standard deviation of its validation accuracy. Built from a
 * {@link SearchTable} at the end of a search, or from its table.csv by {@code nnlab plot --search}.
 */
public record SweepInput(List<String> options, List<Point> points) {

    /** One configuration: its option values, and its validation accuracy over seeds (fractions). */
    public record Point(Map<String, String> values, double validationMean, double validationStd) {
    }

    public SweepInput {
        options = List.copyOf(options);
        points = List.copyOf(points);
    }

    /** The configurations of the table that have a validation accuracy (run, and not diverged). */
    public static SweepInput of(SearchTable table) {
        List<Point> points = new ArrayList<>();
        for (SearchTable.Row row : table.rows()) {
            if (Double.isFinite(row.validation().mean())) {
                points.add(new Point(row.configuration().values(), row.validation().mean(), row.validation().std()));
            }
        }
        return new SweepInput(List.copyOf(table.plan().searched().keySet()), points);
    }
}
