package org.nnlab.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the sweep back from a search's table.csv ({@link TableFiles}): the columns between
 * {@code config} and {@code seeds} are the searched options; rows without a validation mean (not
 * run yet, or diverged) are left out.
 */
public final class TableCsv {
    private TableCsv() {
    }

    /** The sweep in {@code file}; an IllegalArgumentException naming the file (and line) when it is not a search table. */
    public static SweepInput read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).split(",", -1));
        int seedsColumn = header.indexOf("seeds");
        if (header.isEmpty() || !header.get(0).equals("config") || seedsColumn < 1
                || !header.subList(seedsColumn, header.size()).equals(TableFiles.STAT_COLUMNS)) {
            throw new IllegalArgumentException(file + ": not a search table (expected the header config,OPTIONS...,"
                    + String.join(",", TableFiles.STAT_COLUMNS) + " that nnlab search writes to table.csv)");
        }
        List<String> options = header.subList(1, seedsColumn);
        int mean = header.indexOf("validation_mean");
        int std = header.indexOf("validation_std");
        List<SweepInput.Point> points = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.size()) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected " + header.size()
                        + " fields, got " + cells.length);
            }
            if (cells[mean].isEmpty() || cells[mean].equals("NaN")) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int j = 0; j < options.size(); j++) {
                values.put(options.get(j), cells[1 + j]);
            }
            try {
                points.add(new SweepInput.Point(values, Double.parseDouble(cells[mean]), Double.parseDouble(cells[std])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": validation_mean and validation_std"
                        + " must be numbers, got " + cells[mean] + " and " + cells[std]);
            }
        }
        return new SweepInput(options, points);
    }
}
