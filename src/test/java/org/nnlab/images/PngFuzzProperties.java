package org.nnlab.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nnlab.formats.ParserFuzzing.expectOnly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.nnlab.formats.Mutator;
import org.nnlab.formats.ParserFuzzing;

/**
 * PNG files as {@code nnlab predict} reads them ({@link ImageFiles#read}, then
 * {@link MnistStylePreprocessing#prepare}): real MNIST digits saved as grey, RGB, 16-bit and palette
 * PNGs, damaged at random ({@link Mutator}) or one header field at a time (width, height, bit depth,
 * colour type, compression, filter, interlace), with the header's CRC made right again three times in
 * four so that the damage reaches the decoder. Every input ends in a 28×28 digit or an
 * {@link ImageFileException} whose one line names the file. {@code -Dnnlab.fuzz.repeat=N} runs N
 * times as many inputs.
 */
class PngFuzzProperties {
    private static final Path DIR = ParserFuzzing.temporaryDirectory("nnlab-png-fuzz");
    /** The 8-byte signature and the IHDR chunk (length, type, 13 bytes of data, CRC). */
    private static final int HEADER = 33;
    private static final int IHDR_TYPE = 12;
    private static final int IHDR_DATA = 16;
    private static final int IHDR_CRC = 29;

    private static Map<PngForms.Form, byte[]> pngs;

    /** Here rather than in a static initialiser, so that without MNIST each property is skipped (failed under CI). */
    @BeforeProperty
    void realMnistDigits() {
        if (pngs == null) {
            Map<PngForms.Form, byte[]> written = new EnumMap<>(PngForms.Form.class);
            PngForms.Form[] forms = PngForms.Form.values();
            for (int i = 0; i < forms.length; i++) {
                written.put(forms[i], PngForms.png(PngForms.image(forms[i], 28, 28, MnistFixture.testImage(i))));
            }
            pngs = written;
        }
    }

    @Property(tries = 1500)
    void aDamagedPngIsADigitOrOneLineNamingIt(@ForAll long seed) throws IOException {
        for (int r = 0; r < Mutator.REPEAT; r++) {
            Random random = new Random(seed + r);
            PngForms.Form form = PngForms.Form.values()[random.nextInt(PngForms.Form.values().length)];
            byte[] png = pngs.get(form);
            byte[] damaged = random.nextBoolean() ? Mutator.mutate(png, seed + r, HEADER) : withHeaderFieldChanged(png, random);
            Path file = Files.write(DIR.resolve(form.name().toLowerCase(java.util.Locale.ROOT) + "-" + r + ".png"), damaged);
            expectOnly(() -> {
                PreparedDigit digit = MnistStylePreprocessing.prepare(ImageFiles.read(file));
                assertEquals(MnistStylePreprocessing.SIDE * MnistStylePreprocessing.SIDE, digit.pixels().length);
            }, ImageFileException.class, file);
        }
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        ParserFuzzing.delete(DIR);
    }

    /** One IHDR field set to a value that is out of range, at a limit, or valid but not what the data holds. */
    private static byte[] withHeaderFieldChanged(byte[] png, Random random) {
        byte[] bytes = png;
        switch (random.nextInt(4)) {
            case 0, 1 -> {
                int[] sizes = {0, 1, -1, Integer.MAX_VALUE, 27, 29, 56, 4096, 4097, 65_535, 1 << 20, random.nextInt()};
                bytes = Mutator.withInt(png, IHDR_DATA + 4 * random.nextInt(2), sizes[random.nextInt(sizes.length)]);
            }
            case 2 -> {
                bytes = png.clone();
                byte[] depths = {1, 2, 4, 8, 16, 0, 3, (byte) 255};
                byte[] colourTypes = {0, 2, 3, 4, 6, 1, 5, 7, (byte) 255};
                bytes[IHDR_DATA + 8] = depths[random.nextInt(depths.length)];
                bytes[IHDR_DATA + 9] = colourTypes[random.nextInt(colourTypes.length)];
            }
            default -> {
                bytes = png.clone();
                // compression, filter and interlace methods: only 0 is defined for the first two, 0 and 1 for the last
                byte[] methods = {0, 1, 2, (byte) 255};
                bytes[IHDR_DATA + 10 + random.nextInt(3)] = methods[random.nextInt(methods.length)];
            }
        }
        if (random.nextInt(4) > 0) {
            CRC32 crc = new CRC32();
            crc.update(bytes, IHDR_TYPE, IHDR_CRC - IHDR_TYPE);
            bytes = Mutator.withInt(bytes, IHDR_CRC, (int) crc.getValue());
        }
        return bytes;
    }
}
