package org.nnlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nnlab.lab.LabKit;
import org.nnlab.lab.LabLayer;

/**
 * {@code nnlab lab-kit}: writes the students' copy of the project for the course lab, with the
 * chosen backward passes replaced by stubs (see {@link LabKit}), and says what it stubbed, removed
 * and left out.
 */
final class LabKitCommand implements Main.Command {

    static Flags flags() {
        return new Flags("lab-kit")
                .option("out", "DIR", null, "where to write the kit: a new or empty directory outside the project (required)")
                .option("layers", "LIST", LabLayer.ids(LabLayer.DEFAULT), "backward passes to stub, from "
                        + LabLayer.ids(LabLayer.all()))
                .option("project", "DIR", null, "the reference project to copy (default: this nnlab)");
    }

    @Override
    public String summary() {
        return "write the students' kit of the course lab, with chosen backward passes as stubs";
    }

    @Override
    public int run(String[] args) {
        Flags flags = flags();
        if (!flags.parse(args)) {
            return 0;
        }
        if (!flags.isSet("out")) {
            throw new UsageException("lab-kit: --out DIR is required (see nnlab lab-kit --help)");
        }
        List<LabLayer> layers = flags.get("layers", "a list of lab layers", LabLayer::parseList);
        Path project = LabGradeCommand.project(flags);
        LabKit.Kit kit;
        try {
            kit = new LabKit(project, layers).generate(Path.of(flags.get("out")));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandFailedException("lab-kit: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The directory as the user wrote it, and the removals sorted: the same lines on every machine.
        System.out.printf("lab kit for %s: %d files in %s%n", LabLayer.ids(layers), kit.files(), flags.get("out"));
        for (Map.Entry<LabLayer, String> stub : kit.stubbed().entrySet()) {
            System.out.printf("  stubbed   %-29s %s%n", stub.getKey().method(), stub.getValue());
        }
        for (Map.Entry<LabLayer, String> stub : kit.withheld().entrySet()) {
            System.out.printf("  withheld  %-29s %s%n", stub.getKey().method(), stub.getValue());
        }
        for (String removed : kit.removed().stream().sorted().toList()) {
            String[] parts = removed.split(": ", 2);
            System.out.printf("  removed   %-29s %s%n", parts[1], parts[0]);
        }
        System.out.printf("  left out  %s%n", String.join(", ", kit.leftOut()));
        System.out.printf("Students start with LAB.adoc. Grade their copies with%n  nnlab lab-grade --layers %s"
                + " --submissions DIR%n", LabLayer.ids(layers));
        return 0;
    }
}
