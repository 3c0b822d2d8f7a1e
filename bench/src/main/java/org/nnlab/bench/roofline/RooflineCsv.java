package org.nnlab.bench.roofline;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the measurements of a {@link Roofline} from CSV: raw counts and times, as benchmarks print
 * them, so that the file holds the measured numbers and the figure does the arithmetic.
 *
 * <pre>
 * # lines starting with # are comments; blank lines are skipped; fields hold no commas
 * kind,series,label,flops,bytes,seconds
 * machine,,Intel Xeon (KVM) 2.60 GHz; OpenJDK 17.0.15,,,
 * compute,,nominal peak,166.4e9,,1
 * memory,,main memory (triad),,3221225472,0.25
 * point,nnlab vector,64×784×512,51380224,1937408,0.00051
 * </pre>
 *
 * <ul>
 *   <li>{@code compute}: a flat roof at flops / seconds (bytes empty);</li>
 *   <li>{@code memory}: a slanted roof of bandwidth bytes / seconds (flops empty);</li>
 *   <li>{@code point}: a kernel that did {@code flops} operations and had to move at least
 *       {@code bytes} bytes in {@code seconds}: intensity flops / bytes, rate flops / seconds;
 *       {@code series} groups points under one colour and legend entry;</li>
 *   <li>{@code machine} (at most one): the machine and JDK, shown under the heading.</li>
 * </ul>
 */
public final class RooflineCsv {
    public static final String HEADER = "kind,series,label,flops,bytes,seconds";
    private static final int COLUMNS = 6;

    private RooflineCsv() {
    }

    /**
     * @throws MalformedRooflineException naming the file and line, if the header, a row's kind, a field count or a number is wrong
     */
    public static RooflineData read(Path file) throws IOException {
        Rows rows = new Rows(file);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            boolean headerSeen = false;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                String text = lineNumber == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
                if (text.isBlank() || text.strip().startsWith("#")) {
                    continue;
                }
                if (!headerSeen) {
                    if (!text.strip().equals(HEADER)) {
                        throw new MalformedRooflineException(file, lineNumber,
                                "expected the header '" + HEADER + "', got '" + text.strip() + "'");
                    }
                    headerSeen = true;
                } else {
                    rows.add(lineNumber, text);
                }
            }
            if (!headerSeen) {
                throw new MalformedRooflineException(file, 0, "no header '" + HEADER + "' and no rows");
            }
        }
        return rows.data();
    }

    /** The rows read so far, sorted by kind. */
    private static final class Rows {
        private final Path file;
        private String machine;
        private final List<RooflineData.Roof> computeRoofs = new ArrayList<>();
        private final List<RooflineData.Roof> memoryRoofs = new ArrayList<>();
        private final List<RooflineData.Point> points = new ArrayList<>();

        Rows(Path file) {
            this.file = file;
        }

        void add(int line, String text) {
            String[] fields = text.split(",", -1);
            if (fields.length != COLUMNS) {
                throw new MalformedRooflineException(file, line, "expected " + COLUMNS + " comma-separated fields ("
                        + HEADER.replace(",", ", ") + "), got " + fields.length);
            }
            for (int i = 0; i < fields.length; i++) {
                fields[i] = fields[i].strip();
            }
            String kind = fields[0];
            String label = fields[2];
            switch (kind) {
                case "machine" -> {
                    if (machine != null) {
                        throw new MalformedRooflineException(file, line, "a second machine row; give the machine once");
                    }
                    machine = required(line, label, "label");
                }
                case "compute" -> {
                    empty(line, fields[4], "bytes", kind);
                    computeRoofs.add(new RooflineData.Roof(required(line, label, "label"),
                            number(line, fields[3], "flops") / number(line, fields[5], "seconds") / 1e9));
                }
                case "memory" -> {
                    empty(line, fields[3], "flops", kind);
                    memoryRoofs.add(new RooflineData.Roof(required(line, label, "label"),
                            number(line, fields[4], "bytes") / number(line, fields[5], "seconds") / 1e9));
                }
                case "point" -> {
                    double flops = number(line, fields[3], "flops");
                    points.add(new RooflineData.Point(required(line, fields[1], "series"), required(line, label, "label"),
                            flops / number(line, fields[4], "bytes"), flops / number(line, fields[5], "seconds") / 1e9));
                }
                default -> throw new MalformedRooflineException(file, line,
                        "kind must be machine, compute, memory or point, got '" + kind + "'");
            }
        }

        RooflineData data() {
            if (computeRoofs.isEmpty() || memoryRoofs.isEmpty()) {
                throw new MalformedRooflineException(file, 0,
                        "needs at least one compute row (a flat roof) and one memory row (a slanted roof)");
            }
            return new RooflineData(machine, computeRoofs, memoryRoofs, points);
        }

        private String required(int line, String value, String column) {
            if (value.isEmpty()) {
                throw new MalformedRooflineException(file, line, column + " must not be empty");
            }
            return value;
        }

        /** A field that has no meaning for this kind of row must be empty, so that a shifted column is caught. */
        private void empty(int line, String value, String column, String kind) {
            if (!value.isEmpty()) {
                throw new MalformedRooflineException(file, line, "a " + kind + " row leaves " + column + " empty, got '" + value + "'");
            }
        }

        /** A positive, finite number: counts and times can be neither zero nor negative. */
        private double number(int line, String value, String column) {
            double number;
            try {
                number = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new MalformedRooflineException(file, line, column + " must be a number, got '" + value + "'");
            }
            if (!(number > 0) || Double.isInfinite(number)) {
                throw new MalformedRooflineException(file, line, column + " must be positive, got '" + value + "'");
            }
            return number;
        }
    }
}
