package org.nnlab.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nnlab.lab.LabChecks;
import org.nnlab.lab.LabLayer;
import org.nnlab.lab.LabResult;
import org.nnlab.formats.TextTable;

/**
 * {@code nnlab lab-check}: the course lab's checks of the students' backward passes (see
 * {@link LabChecks}), one table row per pass and then, for each pass that is not right yet, what
 * is wrong. Exit status 0 when every pass is right, 1 otherwise.
 */
final class LabCheckCommand implements Main.Command {

    static Flags flags() {
        return new Flags("lab-check")
                .option("layers", "LIST", null, "backward passes to check, e.g. linear,relu (default: this kit's; in the"
                        + " reference project all of " + LabLayer.ids(LabLayer.all()) + ")");
    }

    @Override
    public String summary() {
        return "check the lab's backward passes against finite differences, naming what is wrong";
    }

    @Override
    public int run(String[] args) {
        Flags flags = flags();
        if (!flags.parse(args)) {
            return 0;
        }
        LabCheckFastLoop fastLoop = LabCheckFastLoop.ifNeeded();
        if (fastLoop != null) {
            return fastLoop.run(args);
        }
        List<LabLayer> layers = flags.isSet("layers")
                ? flags.get("layers", "a list of lab layers", LabLayer::parseList)
                : LabChecks.kitLayers();
        return table(layers, System.out);
    }

    private static int table(List<LabLayer> layers, PrintStream out) {
        out.printf("lab check: %d backward pass%s, each against five-point differences in float64, then in float32%n%n",
                layers.size(), layers.size() == 1 ? "" : "es");
        List<LabResult> results = layers.stream().map(LabChecks::check).toList();
        List<List<String>> rows = new ArrayList<>();
        for (LabResult r : results) {
            rows.add(List.of(r.layer().method(), r.status().label(), r.passedItems() + "/" + r.items().size(),
                    Double.isNaN(r.maxRelativeError()) ? "—" : String.format(Locale.ROOT, "%.1e", r.maxRelativeError())));
        }
        out.print(TextTable.format(List.of("backward pass", "result", "checks passed", "max rel error"),
                new boolean[] {false, false, true, true}, rows));
        List<LabResult> notRight = results.stream().filter(r -> !r.passed()).toList();
        for (LabResult r : notRight) {
            out.print("\n" + r.message());
        }
        out.println();
        if (notRight.isEmpty()) {
            out.printf("PASS: all %d backward passes are right%n", results.size());
            return 0;
        }
        out.printf("FAIL: %d of %d backward passes are not right yet: %s%n", notRight.size(), results.size(),
                String.join(", ", notRight.stream().map(r -> r.layer().method() + " (" + r.shortProblem() + ")").toList()));
        return 1;
    }
}
