package org.nnlab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.nnlab.data.TrainTest;
import org.nnlab.formats.FileFormatException;
import org.nnlab.reproduce.Budget;
import org.nnlab.reproduce.Preset;
import org.nnlab.reproduce.PresetRunner;
import org.nnlab.reproduce.Presets;
import org.nnlab.reproduce.ResultTable;

/**
 * {@code nnlab reproduce NAME}: reruns one report's headline experiments, as its code ran them and
 * corrected, and prints the report's claims beside nnlab's results. {@code --list} names the presets.
 */
final class ReproduceCommand implements Main.Command {

    static Flags flags() {
        return new Flags("reproduce")
                .argument("NAME", "a preset, named after the report's authors (see --list)")
                .toggle("list", "list the presets with the report file each comes from")
                .toggle("full", "run the report's full budget (epochs, rows, seeds), which can take hours")
                .option("variant", "NAME", null, "run one variant of a preset that has several (simard: none, affine or elastic)")
                .option("seeds", "LIST", null, "run only these of the preset's seeds, e.g. 2 or 1,3 (to run seeds side by side)")
                .option("save-dir", "DIR", null, "save every trained model into DIR (created if missing), one .npz per run and seed");
    }

    @Override
    public String summary() {
        return "rerun a report's experiments, faithful and corrected, beside its claims";
    }

    @Override
    public int run(String[] args) {
        Flags flags = flags();
        if (!flags.parse(args)) {
            return 0;
        }
        PrintStream out = System.out;
        if (flags.isSet("list")) {
            printList(out);
            return 0;
        }
        Preset preset;
        try {
            preset = Presets.named(flags.argument("NAME"));
            if (flags.get("variant") != null) {
                preset = preset.variant(flags.get("variant"));
            }
            if (flags.get("seeds") != null) {
                preset = preset.withSeeds(flags.get("seeds", "a list of seeds such as 1,3", ReproduceCommand::parseSeeds));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("reproduce: " + e.getMessage());
        }
        Budget budget = flags.isSet("full") ? Budget.FULL : Budget.DEFAULT;
        Path saveDirectory = OutputPaths.directory(flags, "save-dir");
        OutputPaths.createDirectory(flags, "save-dir", saveDirectory);
        TrainTest images = DatasetImages.load("reproduce", preset.dataset());
        long start = System.nanoTime();
        // nnlab train stops a run at chance accuracy (DivergenceWatch); a preset must be able to show a report's collapse.
        out.println("nnlab: runs here are not stopped when they collapse to chance accuracy: the presets reproduce"
                + " the reports' collapses on purpose (only a NaN loss ends a run, shown as \"diverged\")");
        List<PresetRunner.RowResult> rows;
        try {
            rows = new PresetRunner(images, out, saveDirectory).run(preset, budget);
        } catch (FileFormatException e) {
            throw new CommandFailedException(e.getMessage());
        }
        out.println();
        out.print(ResultTable.format(preset, budget, rows));
        out.printf("%n(%.0f s)%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static void printList(PrintStream out) {
        out.printf("%-14s %-26s %s%n", "name", "report (shared/reports/)", "title");
        for (Preset p : Presets.all()) {
            String variants = p.variants().isEmpty() ? "" : " (--variant " + String.join("|", p.variants()) + ")";
            out.printf("%-14s %-26s %s%s%n", p.name(), p.reportFile(), p.title(), variants);
        }
    }

    private static List<Long> parseSeeds(String text) {
        return java.util.Arrays.stream(text.split(",", -1)).map(part -> Long.parseLong(part.trim())).toList();
    }
}
