package org.nnlab.persistence;

import static org.nnlab.formats.ParserFuzzing.expectOnly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.ExperimentRunner;
import org.nnlab.experiment.PreparedData;
import org.nnlab.experiment.SplitPlan;
import org.nnlab.experiment.SyntheticImages;
import org.nnlab.formats.FileFormatException;
import org.nnlab.formats.Mutator;
import org.nnlab.formats.ParserFuzzing;
import org.nnlab.formats.NpyArray;
import org.nnlab.formats.NpyFormat;
import org.nnlab.formats.NpzFile;
import org.nnlab.layers.Activation;
import org.nnlab.model.Initialization;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.optimizers.OptimizerSettings;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Task;
import org.nnlab.search.PlanFile;
import org.nnlab.search.SearchPlan;
import org.nnlab.training.TrainingConfig;

/**
 * Real files nnlab wrote (a model, an Adam checkpoint, a search plan), damaged at random
 * ({@link Mutator}): each parser ends every input in a result or its own exception with a one-line
 * message, never another exception type, an out-of-memory error or a stack overflow ({@link ParserFuzzing}).
 * {@code -Dnnlab.fuzz.repeat=N} runs N times as many inputs.
 */
class PersistenceFuzzProperties {
    private static final Path DIR = ParserFuzzing.temporaryDirectory("nnlab-fuzz");
    private static final Path MODEL = DIR.resolve("model.npz");
    private static final Path CHECKPOINTS = DIR.resolve("checkpoints");
    private static final Path PLAN_DIR = DIR.resolve("search");
    private static final Map<String, byte[]> MODEL_ENTRIES;
    private static final Map<String, byte[]> CHECKPOINT_ENTRIES;

    static {
        ModelFile.save(MODEL, ModelFileTest.tenClassModel());
        NetworkSpec spec = new NetworkSpec(SyntheticImages.ROWS * SyntheticImages.COLS, 6, 10, Activation.RELU,
                OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.HE, 1e-3);
        Experiment experiment = new Experiment("mnist", Task.TEN_CLASSES, SplitPlan.holdout(80, 20), InputScaling.UNIT, spec,
                TrainingConfig.builder().epochs(2).batchSize(16).learningRate(0.01).seed(3).keepBest(true)
                        .optimizer(OptimizerSettings.of(OptimizerSettings.Kind.ADAM)).build());
        PreparedData data = PreparedData.of(experiment, SyntheticImages.of(100, 20, 3));
        ExperimentRunner.run(experiment, data, new CheckpointDirectory(CHECKPOINTS, experiment, data.preprocessing(),
                SyntheticImages.ROWS, SyntheticImages.COLS));
        try {
            PlanFile.write(PLAN_DIR, SearchPlan.of(Map.of("epochs", "2"), new LinkedHashMap<>(Map.of("lr", "0.05,0.5",
                    "hidden", "8,16")), List.of(1L, 2L), 0, 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MODEL_ENTRIES = entries(MODEL);
        CHECKPOINT_ENTRIES = entries(CHECKPOINTS.resolve(CheckpointDirectory.LATEST));
    }

    /** Fewer tries: each opens a zip file on disk (about 10 ms); the entries inside are fuzzed below, in memory. */
    @Property(tries = 300)
    void aDamagedModelFileIsAModelOrOneLine(@ForAll long seed) throws IOException {
        for (int r = 0; r < Mutator.REPEAT; r++) {
            Path file = write("model-" + r + ".npz", Mutator.mutate(Files.readAllBytes(MODEL), seed + r, 64));
            expectOnly(() -> ModelFile.load(file), FileFormatException.class);
        }
    }

    @Property(tries = 1000)
    void aDamagedNpyEntryIsAModelOrOneLine(@ForAll long seed) throws IOException {
        for (int r = 0; r < Mutator.REPEAT; r++) {
            Path file = withOneEntryDamaged(MODEL_ENTRIES, seed + r, "npy-" + r + ".npz");
            expectOnly(() -> ModelFile.load(file), FileFormatException.class);
        }
    }

    @Property(tries = 2000)
    void aDamagedNpyArrayIsAnArrayOrOneLine(@ForAll long seed) {
        byte[] w1 = MODEL_ENTRIES.get("W1");
        for (int r = 0; r < Mutator.REPEAT; r++) {
            byte[] damaged = Mutator.mutate(w1, seed + r, 128);
            expectOnly(() -> NpyFormat.decode("W1.npy", damaged), IllegalArgumentException.class);
        }
    }

    @Property(tries = 1000)
    void damagedModelMetadataIsAModelOrOneLine(@ForAll long seed) throws IOException {
        for (int r = 0; r < Mutator.REPEAT; r++) {
            Path file = withMetadataDamaged(MODEL_ENTRIES, seed + r, DIR.resolve("json-" + r + ".npz"));
            expectOnly(() -> ModelFile.load(file), FileFormatException.class);
        }
    }

    @Property(tries = 500)
    void aDamagedCheckpointResumesOrIsOneLine(@ForAll long seed) throws IOException {
        for (int r = 0; r < Mutator.REPEAT; r++) {
            Path directory = DIR.resolve("checkpoint-" + r);
            Files.createDirectories(directory);
            if ((seed & 1) == 0) {
                withMetadataDamaged(CHECKPOINT_ENTRIES, seed + r, directory.resolve(CheckpointDirectory.LATEST));
            } else {
                Files.write(directory.resolve(CheckpointDirectory.LATEST),
                        zip(damageOne(CHECKPOINT_ENTRIES, seed + r)));
            }
            expectOnly(() -> CheckpointDirectory.load(directory), FileFormatException.class);
        }
    }

    @Property(tries = 2000)
    void aDamagedSearchPlanIsAPlanOrOneLine(@ForAll long seed) throws IOException {
        byte[] plan = Files.readAllBytes(PLAN_DIR.resolve(PlanFile.NAME));
        for (int r = 0; r < Mutator.REPEAT; r++) {
            Path file = write("plan-" + r + ".json", Mutator.mutate(plan, seed + r, plan.length));
            expectOnly(() -> PlanFile.read(file), IllegalArgumentException.class);
        }
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        ParserFuzzing.delete(DIR);
    }

    private static Path withOneEntryDamaged(Map<String, byte[]> entries, long seed, String name) throws IOException {
        return write(name, zip(damageOne(entries, seed)));
    }

    private static Map<String, byte[]> damageOne(Map<String, byte[]> entries, long seed) {
        List<String> names = new ArrayList<>(entries.keySet());
        String victim = names.get(Math.floorMod(seed, names.size()));
        Map<String, byte[]> damaged = new LinkedHashMap<>(entries);
        damaged.put(victim, Mutator.mutate(entries.get(victim), seed, 128));
        return damaged;
    }

    /** The metadata's JSON text damaged as text, stored back as a valid string array. */
    private static Path withMetadataDamaged(Map<String, byte[]> entries, long seed, Path file) throws IOException {
        String json = NpyFormat.decode("metadata.npy", entries.get("metadata")).text();
        String damaged = new String(Mutator.mutate(json.getBytes(StandardCharsets.UTF_8), seed, json.length()),
                StandardCharsets.UTF_8);
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put("metadata", NpyFormat.encode(NpyArray.text(damaged)));
        Files.write(file, zip(changed));
        return file;
    }

    private static Map<String, byte[]> entries(Path npz) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        NpzFile.read(npz).forEach((name, array) -> entries.put(name, NpyFormat.encode(array)));
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(DIR.resolve(name), bytes);
    }
}
