package org.nnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectorySourceTest {
    @TempDir
    Path dir;

    private final SyntheticDataset data = new SyntheticDataset();
    private final List<String> log = new ArrayList<>();

    @Test
    void usesRawAndGzippedFilesInPlace() throws IOException {
        Files.write(dir.resolve(Dataset.TRAIN_IMAGES + ".gz"), data.gzipped(Dataset.TRAIN_IMAGES));
        Files.write(dir.resolve(Dataset.TRAIN_LABELS), data.raw(Dataset.TRAIN_LABELS));
        Files.write(dir.resolve(Dataset.TEST_IMAGES), data.raw(Dataset.TEST_IMAGES));
        Files.write(dir.resolve(Dataset.TEST_LABELS + ".gz"), data.gzipped(Dataset.TEST_LABELS));

        TrainTest loaded = loader(source()).load();

        assertArrayEquals(SyntheticDataset.TRAIN_PIXELS, loaded.train().pixels());
        assertArrayEquals(SyntheticDataset.TRAIN_LABELS, loaded.train().labels());
        assertArrayEquals(SyntheticDataset.TEST_PIXELS, loaded.test().pixels());
        assertArrayEquals(SyntheticDataset.TEST_LABELS, loaded.test().labels());
        assertEquals(List.of(), log);
    }

    @Test
    void providesPathsKeyedByFileName() throws IOException {
        data.writeRaw(dir);

        Map<String, Path> files = source().provide();

        assertEquals(Dataset.FILE_NAMES, List.copyOf(files.keySet()));
        assertEquals(dir.resolve(Dataset.TEST_LABELS), files.get(Dataset.TEST_LABELS));
    }

    @Test
    void aWrongFileIsRejectedNotUsed() throws IOException {
        data.writeRaw(dir);
        Path wrong = Files.write(dir.resolve(Dataset.TEST_IMAGES),
                SyntheticDataset.corrupted(data.raw(Dataset.TEST_IMAGES)));
        // A good .gz beside the wrong raw file must not hide the problem.
        Files.write(dir.resolve(Dataset.TEST_IMAGES + ".gz"), data.gzipped(Dataset.TEST_IMAGES));

        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> source().provide());

        assertTrue(e.getMessage().startsWith(wrong + ": checksum mismatch"), e.getMessage());
    }

    @Test
    void aWrongFileMakesTheLoaderFailRatherThanReadIt() throws IOException {
        data.writeRaw(dir);
        Files.write(dir.resolve(Dataset.TRAIN_LABELS), SyntheticIdx.labels(new byte[] {5, 0, 3}));

        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> loader(source()).load());

        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte: checksum mismatch"), e.getMessage());
        assertEquals(1, log.size(), log.toString());
    }

    @Test
    void listsEveryMissingFile() throws IOException {
        Files.write(dir.resolve(Dataset.TRAIN_IMAGES), data.raw(Dataset.TRAIN_IMAGES));
        Files.write(dir.resolve(Dataset.TRAIN_LABELS), data.raw(Dataset.TRAIN_LABELS));

        IOException e = assertThrows(IOException.class, () -> source().provide());

        assertEquals("missing t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]", e.getMessage());
    }

    @Test
    void aDirectoryWhereAFileShouldBeIsNamedAsADirectory() throws IOException {
        data.writeRaw(dir);
        Files.delete(dir.resolve(Dataset.TEST_IMAGES));
        Path directory = Files.createDirectory(dir.resolve(Dataset.TEST_IMAGES));

        IOException e = assertThrows(IOException.class, () -> source().provide());

        assertEquals(directory + " is a directory, expected the IDX file t10k-images-idx3-ubyte (raw, or gzipped as"
                + " t10k-images-idx3-ubyte.gz)", e.getMessage());
    }

    @Test
    void aTruncatedGzipFileIsNamedAndCalledTruncated() throws IOException {
        data.writeRaw(dir);
        Files.delete(dir.resolve(Dataset.TRAIN_IMAGES));
        byte[] gz = data.gzipped(Dataset.TRAIN_IMAGES);
        Path cut = Files.write(dir.resolve(Dataset.TRAIN_IMAGES + ".gz"), Arrays.copyOf(gz, gz.length - 12));

        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> loader(source()).load());

        // The checksum is computed first, so that is where the damage shows, in the loader's log line and its summary.
        String reason = cut + ": truncated or damaged gzip data (Unexpected end of ZLIB input stream)";
        assertEquals(List.of("nnlab: mnist: local directory " + dir + " failed: " + reason), log);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void aMissingDirectoryIsAbsentWithOneShortReason() {
        LocalDirectorySource source = LocalDirectorySource.dataDirectory(Dataset.MNIST, dir.resolve("nope"),
                data.checksums());

        SourceAbsentException e = assertThrows(SourceAbsentException.class, source::provide);

        assertEquals("no such directory", e.getMessage());
        assertEquals("local directory " + dir.resolve("nope"), source.describe());
    }

    @Test
    void anAbsentCopyIsPassedOverWithoutALogLine() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path filled = Files.createDirectories(dir.resolve("filled"));
        data.writeRaw(filled);

        TrainTest loaded = loader(source(dir.resolve("nope")), source(empty), source(filled)).load();

        assertArrayEquals(SyntheticDataset.TRAIN_LABELS, loaded.train().labels());
        assertEquals(List.of(), log);
    }

    @Test
    void whenNothingIsThereTheMessageStillNamesEveryAbsentSource() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> loader(source(dir.resolve("nope")), source(empty)).load());

        assertTrue(e.getMessage().contains("\n  - local directory " + dir.resolve("nope") + ": no such directory\n"
                + "  - local directory " + empty + ": none of the four files is there\n"), e.getMessage());
        assertEquals(List.of(), log);
    }

    private LocalDirectorySource source() {
        return source(dir);
    }

    private LocalDirectorySource source(Path directory) {
        return LocalDirectorySource.dataDirectory(Dataset.MNIST, directory, data.checksums());
    }

    private DatasetLoader loader(DataSource... sources) {
        return new DatasetLoader(Dataset.MNIST, dir, List.of(sources), log::add);
    }
}
