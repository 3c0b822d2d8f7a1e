package org.nnlab.plot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nnlab.formats.AtomicFiles;
import org.nnlab.training.EpochResult;
import org.nnlab.training.History;

/**
 * A training history as CSV, one row per epoch, for spreadsheets, numpy and {@code nnlab plot}.
 * Accuracies are fractions (0..1) as in {@link EpochResult}. Numbers are written with
 * {@link Double#toString}, the shortest text that reads back as the same double, so a history
 * survives the round trip exactly; an epoch without validation has NaN there.
 */
public final class HistoryCsv {
    /** The header, which is also the order of the columns. */
    public static final String HEADER = "epoch,learning_rate,train_loss,train_accuracy,"
            + "validation_loss,validation_accuracy,seconds,images_per_second";
    private static final int COLUMNS = HEADER.split(",").length;

    private HistoryCsv() {
    }

    public static Path write(History history, Path file) throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (EpochResult e : history.epochs()) {
            csv.append(e.epoch()).append(',').append(e.learningRate()).append(',')
                    .append(e.trainLoss()).append(',').append(e.trainAccuracy()).append(',')
                    .append(e.validationLoss()).append(',').append(e.validationAccuracy()).append(',')
                    .append(e.seconds()).append(',').append(e.imagesPerSecond()).append('\n');
        }
        return AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write(csv.toString());
            writer.flush();
        });
    }

    /**
     * Reads a history written by {@link #write}.
     *
     * @throws MalformedHistoryException naming the file and line, if the header, a field count or a number is wrong
     */
    public static History read(Path file) throws IOException {
        List<EpochResult> epochs = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !stripByteOrderMark(header).strip().equals(HEADER)) {
                throw new MalformedHistoryException(file, 1, "expected the header '" + HEADER + "', got "
                        + (header == null ? "an empty file" : "'" + header + "'"));
            }
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    epochs.add(parseRow(file, lineNumber, line));
                }
            }
        }
        return History.of(epochs);
    }

    private static EpochResult parseRow(Path file, int lineNumber, String line) {
        String[] fields = line.split(",", -1);
        if (fields.length != COLUMNS) {
            throw new MalformedHistoryException(file, lineNumber, "expected " + COLUMNS + " comma-separated values ("
                    + HEADER.replace(",", ", ") + "), got " + fields.length);
        }
        String[] names = HEADER.split(",");
        int epoch;
        try {
            epoch = Integer.parseInt(fields[0].strip());
        } catch (NumberFormatException e) {
            throw new MalformedHistoryException(file, lineNumber, "epoch must be a whole number, got '" + fields[0] + "'");
        }
        double[] values = new double[COLUMNS - 1];
        for (int i = 1; i < COLUMNS; i++) {
            try {
                values[i - 1] = Double.parseDouble(fields[i].strip());
            } catch (NumberFormatException e) {
                throw new MalformedHistoryException(file, lineNumber, names[i] + " must be a number, got '" + fields[i] + "'");
            }
        }
        return new EpochResult(epoch, values[0], values[1], values[2], values[3], values[4], values[5], values[6]);
    }

    /** Spreadsheet programs may save CSV with a UTF-8 byte order mark, which is not part of the header. */
    private static String stripByteOrderMark(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
