package org.nnlab.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.nnlab.formats.AtomicFiles;

/** Reads a picture file as {@link GreyImage} values, and writes a grey image as a PNG. */
public final class ImageFiles {
    /**
     * The most pixels read from one file (4096×4096, more than a phone photo): a PNG of a few
     * kilobytes can claim a size whose pixels would fill the memory, so the size is checked from the
     * header before any pixel is decoded.
     */
    public static final long MAX_PIXELS = 4096L * 4096;

    private ImageFiles() {
    }

    /** The pixel values of a PNG (or another format ImageIO reads); any problem is an exception naming the file. */
    public static GreyImage read(Path path) {
        if (Files.isDirectory(path)) {
            throw new ImageFileException(path + " is a directory, not an image file");
        }
        if (!Files.isRegularFile(path)) {
            throw new ImageFileException(path + ": no such file");
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(path.toFile())) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw new ImageFileException(path + " is not a PNG (or another image format Java reads)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new ImageFileException(path + " is " + reader.getWidth(0) + "×" + reader.getHeight(0)
                            + " pixels; at most " + MAX_PIXELS + " pixels (4096×4096) are read");
                }
                BufferedImage image = reader.read(0);
                return GreyImage.of(image);
            } finally {
                reader.dispose();
            }
        } catch (ImageFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageFileException(path + " is not a readable image: " + reason(e));
        } catch (IllegalArgumentException e) {
            throw new ImageFileException(path + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // A damaged file can make a decoder fail in ways it does not declare.
            throw new ImageFileException(path + " is not a readable image (its data is damaged)");
        }
    }

    /**
     * ImageIO's own words for a file it cannot decode, e.g. "Error reading PNG image data". Some say
     * nothing ("Caught exception during read: ", around an exception of its own); the data is then
     * simply called damaged.
     */
    private static String reason(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        return message.isEmpty() || message.endsWith(":") ? "its data is damaged" : message;
    }

    /** Writes grey levels (one unsigned byte per pixel, row by row) as an 8-bit greyscale PNG, atomically. */
    public static void writeGreyPng(Path path, int width, int height, byte[] levels) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < levels.length; i++) {
            image.getRaster().setSample(i % width, i / width, 0, Byte.toUnsignedInt(levels[i]));
        }
        try {
            AtomicFiles.write(path, out -> ImageIO.write(image, "png", out));
        } catch (IOException e) {
            throw new ImageFileException("cannot write " + path + ": " + e.getMessage());
        }
    }
}
