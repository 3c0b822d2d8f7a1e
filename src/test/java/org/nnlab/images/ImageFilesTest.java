package org.nnlab.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.formats.Mutator;

/** Reading picture files: what a file ImageIO cannot decode is called. */
class ImageFilesTest {
    @TempDir
    Path dir;

    /**
     * Found by PngFuzzProperties: this damaged palette PNG made ImageIO say "Caught exception during
     * read: " and nothing more (around its own IndexOutOfBoundsException), which nnlab printed as is.
     */
    @Test
    void aDamagedPngWhoseDecoderSaysNothingIsCalledDamaged() throws IOException {
        byte[] png = PngForms.png(PngForms.image(PngForms.Form.PALETTE, 28, 28, MnistFixture.testImage(0)));
        Path file = Files.write(dir.resolve("digit.png"), Mutator.mutate(png, 1172, 33));

        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(file));

        assertEquals(file + " is not a readable image: its data is damaged", e.getMessage());
    }
}
