package org.nnlab.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * numpy's {@code .npz}: a zip archive holding one {@code NAME.npy} entry per array, which
 * {@code numpy.load(path)} opens as a mapping from NAME to array. Entries are deflated, as
 * {@code numpy.savez_compressed} writes them. Files are written atomically ({@link AtomicFiles}).
 */
public final class NpzFile {
    private NpzFile() {
    }

    /** Writes the arrays, in order, replacing {@code path} only once the whole archive is on disk. */
    public static void write(Path path, Map<String, NpyArray> arrays) {
        try {
            AtomicFiles.write(path, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                    zip.write(NpyFormat.encode(e.getValue()));
                    zip.closeEntry();
                }
                zip.finish();
            });
        } catch (IOException e) {
            throw new FileFormatException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads every array; a missing, truncated or damaged file is a {@link FileFormatException} naming it. */
    public static Map<String, NpyArray> read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new FileFormatException(path + ": no such file");
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.getName().endsWith(".npy")) {
                    throw new FileFormatException(path + ": entry '" + entry.getName()
                            + "' is not a .npy array; an .npz holds only NAME.npy entries");
                }
                String name = entry.getName().substring(0, entry.getName().length() - ".npy".length());
                arrays.put(name, NpyFormat.decode(name + ".npy", readEntry(zip, entry, path)));
            }
        } catch (NoSuchFileException e) {
            throw new FileFormatException(path + ": no such file");
        } catch (ZipException e) {
            throw new FileFormatException(path + " is not a readable .npz (zip) file; it may be truncated or damaged ("
                    + e.getMessage() + ")");
        } catch (IOException e) {
            throw new FileFormatException("cannot read " + path + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(path + ": " + e.getMessage());
        }
        return arrays;
    }

    private static byte[] readEntry(ZipFile zip, ZipEntry entry, Path path) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (ZipException | java.io.EOFException e) {
            throw new ZipException("entry " + entry.getName() + " is damaged: " + e.getMessage());
        }
    }
}
