package org.nnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The committed FloatMicroKernels.java is what {@link MicroKernelGenerator} writes, so that no one
 * edits a generated kernel by hand and no change to the template is left ungenerated.
 */
class MicroKernelSourceTest {

    @Test
    void committedKernelsAreWhatTheGeneratorWrites() throws IOException {
        String committed = Files.readString(MicroKernelGenerator.TARGET, StandardCharsets.UTF_8);
        assertEquals(MicroKernelGenerator.generate(), committed, MicroKernelGenerator.TARGET
                + " differs from what MicroKernelGenerator writes; regenerate it: mvn -q test-compile && java -cp"
                + " target/classes:target/test-classes org.nnlab.kernels.MicroKernelGenerator");
    }
}
