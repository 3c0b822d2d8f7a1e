package org.nnlab.reproduce;

import java.util.List;
import java.util.Map;
import org.nnlab.evaluation.Stats;

/** The table a preset prints: per row, the report's claim beside nnlab's faithful and corrected results. */
public final class ResultTable {
    private ResultTable() {
    }

    public static String format(Preset preset, Budget budget, List<PresetRunner.RowResult> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("nnlab reproduce ").append(preset.name()).append(": report ").append(preset.reportFile()).append('\n');
        sb.append(preset.title()).append('\n');
        sb.append("budget: ").append(budget == Budget.FULL ? "full (the report's)"
                : "default, shorter: " + preset.defaultBudget() + " (--full runs the report's)").append("\n");
        for (PresetRunner.RowResult row : rows) {
            Comparison c = row.comparison();
            int reportEpochs = (c.faithful() != null ? c.faithful() : c.corrected()).training().epochs();
            sb.append('\n').append(c.setup()).append(" — ").append(row.epochs()).append(" of ").append(reportEpochs)
                    .append(" epochs, ").append(c.seeds().size() == 1 ? "seed " + c.seeds().get(0)
                            : c.seeds().size() + " seeds " + c.seeds()).append('\n');
            sb.append(String.format("  %-20s %-14s %-16s %-16s%n", "metric", "report", "faithful", "corrected"));
            for (Claim claim : c.claims()) {
                sb.append(String.format("  %-20s %-14s %-16s %-16s%n", claim.metric().label(), claim.reported(),
                        cell(row.faithful(), claim.metric()), cell(row.corrected(), claim.metric())));
            }
        }
        return sb.toString();
    }

    private static String cell(Map<Metric, Stats> stats, Metric metric) {
        return stats == null || !stats.containsKey(metric) ? "—" : stats.get(metric).format();
    }
}
