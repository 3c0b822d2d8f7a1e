package org.nnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nnlab.kernels.ScalarKernels;
import org.nnlab.kernels.VectorKernels;

class MultiplyWorkerTest {
    @Test
    void everyRequestTimesABurstOfTheShapesMultiply() throws IOException {
        MatmulShape shape = MatmulShape.HIDDEN_GRADIENT;
        MultiplyWorker worker = new MultiplyWorker(shape, new VectorKernels(1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long start = System.nanoTime();
        worker.serve(new BufferedReader(new StringReader("go\ngo\ngo\n")), new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "test kernels");
        double elapsed = (System.nanoTime() - start) / 1e9;
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");

        assertEquals(4, lines.length, bytes.toString(StandardCharsets.UTF_8));
        assertEquals("ready test kernels HIDDEN_GRADIENT", lines[0]);
        // C of the shape's operands, by the scalar reference: the worker multiplied those, not something else.
        double expected = MultiplyWorker.checksum(shape.operands().multiply(new ScalarKernels()));
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(" ");
            assertEquals(3, fields.length, lines[i]);
            double wall = Double.parseDouble(fields[0]);
            assertTrue(wall > 0, "wall time in " + lines[i]);
            if (i == 1) {
                // The first burst runs for BURST_SECONDS and fixes the count; its time is per multiply,
                // so times the count it is the burst's, within the three bursts' time.
                double burst = wall * worker.calls();
                assertTrue(burst >= MultiplyWorker.BURST_SECONDS && burst <= elapsed, wall + " s × " + worker.calls());
            }
            double checksum = Double.parseDouble(fields[2]);
            assertEquals(expected, checksum, 1e-4 * Math.abs(expected), "burst " + i);
            assertEquals(lines[1].split(" ")[2], fields[2], "every burst computes the same C, to the bit");
        }
    }

    @Test
    void theArgumentIsTheNameOfAShape() {
        assertEquals(MatmulShape.OUTPUT_FORWARD, MultiplyWorker.shapeNamed(new String[] {"OUTPUT_FORWARD"}));
        assertNull(MultiplyWorker.shapeNamed(new String[] {}));
        assertNull(MultiplyWorker.shapeNamed(new String[] {"output_forward"}));
        assertNull(MultiplyWorker.shapeNamed(new String[] {"OUTPUT_FORWARD", "2"}));
    }
}
