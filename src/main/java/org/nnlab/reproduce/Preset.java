package org.nnlab.reproduce;

import java.util.List;

/**
 * Everything needed to rerun one report's headline experiments: where it comes from, what it
 * claims, and how its faithful and corrected runs are set up. One implementation per report.
 */
public interface Preset {

    /** The name on the command line: the authors', e.g. "xu-shi". */
    String name();

    /** The report's file in {@code shared/reports/}, e.g. "000_f789414043e62a6a.txt". */
    String reportFile();

    /** Authors, year and what the report is, for the table's title. */
    String title();

    /** What the default budget leaves out, in one sentence, e.g. "2 of 10 epochs per run". */
    String defaultBudget();

    /** The rows of the table, in order. */
    List<Comparison> comparisons();
}
