package org.nnlab.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.data.LabeledImages;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.SplitPlan;
import org.nnlab.formats.FileFormatException;
import org.nnlab.formats.NpyArray;
import org.nnlab.formats.NpyFormat;
import org.nnlab.formats.NpzFile;
import org.nnlab.layers.Activation;
import org.nnlab.layers.Parameter;
import org.nnlab.augment.AffineRanges;
import org.nnlab.augment.Augmentation;
import org.nnlab.augment.ElasticSettings;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.model.TargetEncoding;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Preprocessing;
import org.nnlab.preprocessing.Task;
import org.nnlab.training.TrainingConfig;

/** Save/load round trips, and every way a model file can be wrong rejected with a message naming the problem. */
class ModelFileTest {
    @TempDir
    Path dir;

    static SavedModel model(NetworkSpec spec, Task task, Preprocessing preprocessing, long seed) {
        Network network = Network.create(spec, Precision.FLOAT32, new Random(seed));
        Experiment experiment = new Experiment("mnist", task, SplitPlan.stratifiedTest(), preprocessing.scaling(), spec,
                TrainingConfig.builder().seed(seed).batchSize(Integer.MAX_VALUE).build());
        return new SavedModel(network, task, preprocessing, 2, 3, experiment, Map.of("test_accuracy", 0.5));
    }

    static final NetworkSpec TEN = new NetworkSpec(6, 4, 10, Activation.TANH, OutputLoss.TANH_MSE,
            Initialization.gaussian(0.01).withBiasesLikeWeights(true), 1e-3, TargetEncoding.PLUS_MINUS_ONE);

    static SavedModel tenClassModel() {
        LabeledImages images = new LabeledImages(2, 2, 3, new byte[] {0, 1, 2, 3, 4, 5, 9, 8, 7, 6, 5, 4}, new byte[] {1, 2});
        return model(TEN, Task.TEN_CLASSES, Preprocessing.fit(InputScaling.STANDARDIZE, images), 7);
    }

    @Test
    void aSavedModelLoadsWithTheSameParametersArchitectureAndPreprocessing() {
        SavedModel saved = tenClassModel();
        Path file = dir.resolve("model.npz");
        ModelFile.save(file, saved);
        SavedModel loaded = ModelFile.load(file);

        assertEquals(saved.network().spec(), loaded.network().spec());
        for (Parameter p : saved.network().parameters()) {
            assertArrayEquals(p.value().floats(), loaded.network().parameter(p.name()).value().floats(), p.name());
        }
        assertEquals(saved.task(), loaded.task());
        assertEquals(InputScaling.STANDARDIZE, loaded.preprocessing().scaling());
        assertArrayEquals(saved.preprocessing().mean(), loaded.preprocessing().mean());
        assertArrayEquals(saved.preprocessing().std(), loaded.preprocessing().std());
        assertEquals(2, loaded.imageRows());
        assertEquals(3, loaded.imageCols());
        assertEquals(saved.experiment(), loaded.experiment());
        assertEquals(0.5, ((Number) loaded.results().get("test_accuracy")).doubleValue());
    }

    @Test
    void dropoutAndAugmentationAreSavedWithTheModelAndReadBack() {
        NetworkSpec spec = TEN.withDropout(0.5, 0.2);
        SavedModel plain = model(spec, Task.TEN_CLASSES, Preprocessing.of(InputScaling.UNIT), 4);
        Augmentation augmentation = Augmentation.parse("affine+elastic").withRanges(new AffineRanges(10, 0.1, 5, 1.5))
                .withElastic(new ElasticSettings(4.5, 30));
        Experiment experiment = plain.experiment().withTraining(plain.experiment().training().toBuilder()
                .augmentation(augmentation).build());
        SavedModel saved = new SavedModel(plain.network(), plain.task(), plain.preprocessing(), 2, 3, experiment, Map.of());
        Path file = dir.resolve("augmented.npz");
        ModelFile.save(file, saved);
        SavedModel loaded = ModelFile.load(file);
        assertEquals(spec, loaded.network().spec());
        assertEquals(experiment, loaded.experiment());
        assertEquals(augmentation, loaded.experiment().training().augmentation());
    }

    /** Files written before nnlab had dropout and augmentation lack their fields: they load as trained without either. */
    @Test
    void aModelSavedBeforeDropoutAndAugmentationStillLoads() {
        Path file = rewrite(arrays -> {
            String metadata = arrays.get("metadata").text();
            String old = withoutAugmentationFields(metadata.replaceAll(",\\s*\"(input_)?dropout\": [0-9.eE-]+", ""));
            assertTrue(metadata.contains("\"dropout\"") && metadata.contains("\"augment\""), metadata);
            assertTrue(!old.contains("dropout") && !old.contains("augment") && !old.contains("elastic"), old);
            arrays.put("metadata", NpyArray.text(old));
        });
        SavedModel loaded = ModelFile.load(file);
        assertEquals(TEN, loaded.network().spec());
        assertEquals(0, loaded.network().spec().dropout());
        assertEquals(Augmentation.NONE, loaded.experiment().training().augmentation());
    }

    /**
     * Files written by the accuracy branch before its options were declared one by one kept the
     * augmentation as one object, training.augmentation: they load with the same augmentation.
     */
    @Test
    void aModelWithTheAugmentationAsOneObjectLoadsWithIt() {
        Augmentation augmentation = Augmentation.parse("affine+elastic").withRanges(new AffineRanges(10, 0.1, 5, 1.5))
                .withElastic(new ElasticSettings(4.5, 30));
        SavedModel plain = model(TEN, Task.TEN_CLASSES, Preprocessing.of(InputScaling.UNIT), 4);
        Experiment experiment = plain.experiment().withTraining(plain.experiment().training().toBuilder()
                .augmentation(augmentation).build());
        Path file = dir.resolve("nested.npz");
        ModelFile.save(file, new SavedModel(plain.network(), plain.task(), plain.preprocessing(), 2, 3, experiment, Map.of()));
        Map<String, NpyArray> arrays = new LinkedHashMap<>(NpzFile.read(file));
        String nested = withoutAugmentationFields(arrays.get("metadata").text()).replace("\"seed\":",
                "\"augmentation\": {\"kinds\": \"affine+elastic\", \"rotate_degrees\": 10.0, \"scale\": 0.1,"
                        + " \"shear_degrees\": 5.0, \"translate_pixels\": 1.5, \"elastic_sigma\": 4.5, \"elastic_alpha\": 30.0},"
                        + " \"seed\":");
        assertTrue(nested.contains("\"augmentation\"") && !nested.contains("\"augment\""), nested);
        arrays.put("metadata", NpyArray.text(nested));
        NpzFile.write(file, arrays);
        assertEquals(experiment, ModelFile.load(file).experiment());
    }

    /** The metadata without the augmentation's fields, as nnlab wrote it before it had augmentation. */
    private static String withoutAugmentationFields(String metadata) {
        return metadata.replaceAll(",\\s*\"(augment|rotate_degrees|scale|shear_degrees|translate_pixels|elastic_sigma"
                + "|elastic_alpha)\": (\"[^\"]*\"|[0-9.eE-]+)", "");
    }

    @Test
    void aYesNoModelWithoutHiddenLayerRoundTrips() {
        NetworkSpec neuron = new NetworkSpec(6, 0, 1, Activation.RELU, OutputLoss.SIGMOID_BCE, Initialization.XAVIER, 0);
        SavedModel saved = model(neuron, Task.digitVersusRest(5), Preprocessing.of(InputScaling.UNIT), 3);
        Path file = dir.resolve("neuron.npz");
        ModelFile.save(file, saved);
        SavedModel loaded = ModelFile.load(file);
        assertEquals(List.of("W1", "b1"), loaded.network().parameters().stream().map(Parameter::name).toList());
        assertEquals(Task.digitVersusRest(5), loaded.task());
        assertArrayEquals(saved.network().parameter("W1").value().floats(), loaded.network().parameter("W1").value().floats());
        assertNull(loaded.preprocessing().mean());
    }

    @Test
    void theArchiveHoldsOneNpyEntryPerArray() throws IOException {
        Path file = dir.resolve("model.npz");
        ModelFile.save(file, tenClassModel());
        Map<String, NpyArray> arrays = NpzFile.read(file);
        assertEquals(List.of("W1", "b1", "W2", "b2", "input_mean", "input_std", "metadata"), List.copyOf(arrays.keySet()));
        assertArrayEquals(new int[] {6, 4}, arrays.get("W1").shape());
        assertArrayEquals(new int[] {4}, arrays.get("b1").shape());
        assertTrue(arrays.get("metadata").text().contains("\"format\": \"nnlab-model\""));
    }

    @Test
    void npyHeadersArePaddedTo64Bytes() {
        byte[] bytes = NpyFormat.encode(NpyArray.vector(new float[] {1, 2, 3}));
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLength) % 64);
        assertEquals('\n', bytes[10 + headerLength - 1]);
        assertEquals(10 + headerLength + 12, bytes.length);
        assertArrayEquals(new float[] {1, 2, 3}, NpyFormat.decode("x", bytes).floats());
    }

    // ---- damaged and mismatched files ----

    private Path saveGood() {
        Path file = dir.resolve("model.npz");
        ModelFile.save(file, tenClassModel());
        return file;
    }

    private static String loadError(Path file) {
        return assertThrows(FileFormatException.class, () -> ModelFile.load(file)).getMessage();
    }

    @Test
    void aTruncatedFileIsRejected() throws IOException {
        Path file = saveGood();
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.npz");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        String message = loadError(truncated);
        assertTrue(message.startsWith(truncated.toString()), message);
        assertTrue(message.contains("truncated or damaged"), message);
    }

    @Test
    void aFileThatIsNotAZipIsRejected() throws IOException {
        Path file = dir.resolve("text.npz");
        Files.writeString(file, "W1 = [[1, 2], [3, 4]]\n");
        assertTrue(loadError(file).contains("is not a readable .npz (zip) file"));
    }

    @Test
    void aMissingFileIsNamed() {
        assertEquals(dir.resolve("nothing.npz") + ": no such file", loadError(dir.resolve("nothing.npz")));
    }

    @Test
    void anArrayWhoseShapeDisagreesWithTheMetadataIsNamed() {
        Path file = rewrite(arrays -> arrays.put("W2", NpyArray.of(org.nnlab.matrix.Matrix.zeros(Precision.FLOAT32, 5, 10))));
        assertTrue(loadError(file).endsWith("array W2 has shape (5, 10) but the metadata's architecture needs (4, 10)"),
                loadError(file));
    }

    @Test
    void aMissingArrayIsNamed() {
        Path file = rewrite(arrays -> arrays.remove("b2"));
        assertTrue(loadError(file).endsWith("array b2 (10,) is missing"), loadError(file));
    }

    @Test
    void aFloat64ParameterIsRejected() {
        Path file = rewrite(arrays -> arrays.put("b1", NpyArray.vectorOf(org.nnlab.matrix.Matrix.zeros(Precision.FLOAT64, 1, 4))));
        assertTrue(loadError(file).endsWith("array b1 must be float32 (<f4), got <f8"), loadError(file));
    }

    @Test
    void metadataOfAnotherFormatIsRejected() {
        Path file = rewrite(arrays -> arrays.put("metadata", NpyArray.text("{\"format\": \"keras\"}")));
        assertTrue(loadError(file).contains("this is not an nnlab model file"), loadError(file));
    }

    @Test
    void aDamagedMetadataFieldIsNamed() {
        Path file = rewrite(arrays -> arrays.put("metadata",
                NpyArray.text(arrays.get("metadata").text().replace("\"hidden\": 4", "\"hidden\": \"four\""))));
        assertTrue(loadError(file).endsWith("metadata field architecture.hidden must be a whole number, got \"four\""),
                loadError(file));
    }

    @Test
    void aMissingMetadataArrayIsRejected() {
        Path file = rewrite(arrays -> arrays.remove("metadata"));
        assertTrue(loadError(file).contains("no 'metadata' string array"), loadError(file));
    }

    /** A saved model with its arrays changed by {@code change}, written with the plain npz writer. */
    private Path rewrite(java.util.function.Consumer<Map<String, NpyArray>> change) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>(NpzFile.read(saveGood()));
        change.accept(arrays);
        Path file = dir.resolve("changed.npz");
        NpzFile.write(file, arrays);
        return file;
    }

    @Test
    void aFailedSaveLeavesThePreviousModelIntactAndNoTemporaryFile() throws IOException {
        Path file = saveGood();
        byte[] before = Files.readAllBytes(file);
        Map<String, NpyArray> arrays = new LinkedHashMap<>(NpzFile.read(file));
        // An entry that cannot be encoded makes the save fail after the first arrays were written,
        // like a crash or a full disk in the middle of writing.
        arrays.put("broken", null);
        assertThrows(RuntimeException.class, () -> NpzFile.write(file, arrays));
        assertArrayEquals(before, Files.readAllBytes(file), "the previous model must be untouched");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file may be left behind");
        }
    }

    @Test
    void nanOrInfiniteWeightsAreRefusedNamingTheArray() {
        Path nan = rewrite(arrays -> {
            org.nnlab.matrix.Matrix w2 = org.nnlab.matrix.Matrix.zeros(Precision.FLOAT32, 4, 10);
            w2.set(1, 2, Float.NaN);
            arrays.put("W2", NpyArray.of(w2));
        });
        assertTrue(loadError(nan).endsWith("array W2 holds NaN (element 12); a model with NaN or infinite weights"
                + " diverged when it was trained and cannot be used"), loadError(nan));
        Path infinite = rewrite(arrays -> arrays.put("b1", NpyArray.vector(new float[] {0, Float.POSITIVE_INFINITY, 0, 0})));
        assertTrue(loadError(infinite).endsWith("array b1 holds Infinity (element 1); a model with NaN or infinite"
                + " weights diverged when it was trained and cannot be used"), loadError(infinite));
    }

    @Test
    void metadataClaimingAHugeNetworkIsRefusedBeforeAllocatingIt() {
        Path file = rewrite(arrays -> {
            String json = arrays.get("metadata").text().replaceFirst("\"hidden\": 4", "\"hidden\": 3000000");
            assertTrue(json.contains("3000000"), json);
            arrays.put("metadata", NpyArray.text(json));
        });
        assertTrue(loadError(file).endsWith("array W1 has shape (6, 4) but the metadata's architecture needs (6, 3000000)"),
                loadError(file));
    }

    @Test
    void metadataNestedTooDeeplyIsOneLineNotAStackOverflow() {
        Path file = rewrite(arrays -> arrays.put("metadata", NpyArray.text("[".repeat(200_000) + "]".repeat(200_000))));
        assertTrue(loadError(file).contains("nested deeper than 256 levels"), loadError(file));
    }

    @Test
    void anNpyHeaderWithANegativeShapeOrAnUnknownDtypeIsNamed() {
        byte[] negative = NpyFormat.encode(NpyArray.vector(new float[] {1, 2, 3}));
        String header = new String(negative, java.nio.charset.StandardCharsets.ISO_8859_1).replace("(3,)", "(-3,)");
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> NpyFormat.decode("x.npy", header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertEquals("x.npy has a negative dimension in its shape (-3,)", shape.getMessage());
        String int64 = new String(negative, java.nio.charset.StandardCharsets.ISO_8859_1).replace("<f4", "<i8");
        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
                () -> NpyFormat.decode("x.npy", int64.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertTrue(dtype.getMessage().startsWith("x.npy has dtype '<i8'; nnlab reads"), dtype.getMessage());
    }

    @Test
    void aGigabyteOfZerosInAnNpzEntryIsRefusedWithoutReadingIt() throws IOException {
        Path file = dir.resolve("zeros.npz");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("W1.npy"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        long before = usedHeap();
        assertEquals(file + ": W1.npy is not a .npy array (no \\x93NUMPY header)", loadError(file));
        assertTrue(usedHeap() - before < 256L << 20, "the entry was not read into memory");
    }

    @Test
    void aDirectoryNamedLikeAModelIsNotNoSuchFile() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("m.npz"));
        assertEquals(directory + " is a directory, not an .npz file", loadError(directory));
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
