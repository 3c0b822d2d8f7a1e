package org.nnlab.cli;

import java.nio.file.Path;
import java.util.Map;
import org.nnlab.data.Dataset;

/**
 * {@code nnlab fetch}: makes a dataset's four files available, from the same sources and with the
 * same checks as {@code train}, without training: before going offline, or in CI before the tests
 * that read the real files.
 */
final class FetchCommand implements Main.Command {

    static Flags flags() {
        return new Flags("fetch")
                .option("dataset", "NAME", "mnist", "mnist or fashion-mnist");
    }

    @Override
    public String summary() {
        return "find or download a dataset and verify its checksums, without training";
    }

    @Override
    public int run(String[] args) {
        Flags flags = flags();
        if (!flags.parse(args)) {
            return 0;
        }
        Map<String, Path> files = DatasetImages.files("fetch", flags.get("dataset"));
        String dataset = Dataset.parse(flags.get("dataset")).directoryName();
        Path directory = files.get(Dataset.TRAIN_IMAGES).toAbsolutePath().getParent();
        System.out.println("nnlab: " + dataset + ": the four files are in " + directory + ", each matching data/SHA256SUMS");
        return 0;
    }
}
