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
    private static final double BURST_SECONDS = 0.05;

    @Test
    void everyRequestTimesABurstOfTheShapesMultiply() throws IOException {
        MatmulShape shape = MatmulShape.HIDDEN_GRADIENT;
        MultiplyWorker worker = new MultiplyWorker(shape, new VectorKernels(1), BURST_SECONDS);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        worker.serve(new BufferedReader(new StringReader("go\ngo\ngo\n")), new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "test kernels");
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");

        assertEquals(4, lines.length, bytes.toString(StandardCharsets.UTF_8));
        assertEquals("ready test kernels HIDDEN_GRADIENT", lines[0]);
        // C of the shape's operands, by the scalar reference: the worker multiplied those, not something else.
        double expected = MultiplyWorker.checksum(shape.operands().multiply(new ScalarKernels()));
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(" ");
            assertEquals(3, fields.length, lines[i]);
            assertTrue(Double.parseDouble(fields[0]) > 0, "wall time in " + lines[i]);
            assertTrue(Double.parseDouble(fields[1]) >= 0, "CPU time in " + lines[i]);
            assertEquals(expected, Double.parseDouble(fields[2]), 1e-4 * Math.abs(expected), "burst " + i);
            assertEquals(lines[1].split(" ")[2], fields[2], "every burst computes the same C, to the bit");
        }
    }

    @Test
    void aBurstLastsItsSecondsAndReportsTheTimeOfOneMultiply() {
        MultiplyWorker worker = new MultiplyWorker(MatmulShape.OUTPUT_FORWARD, new VectorKernels(1), BURST_SECONDS);
        for (int burst = 0; burst < 2; burst++) {
            long start = System.nanoTime();
            String[] fields = worker.burst().split(" ");
            double elapsed = (System.nanoTime() - start) / 1e9;
            // Per multiply: times the multiplies made, the burst's own length, within the call's.
            double burstSeconds = Double.parseDouble(fields[0]) * worker.multipliesInLastBurst();
            assertTrue(worker.multipliesInLastBurst() >= 1, "multiplies in burst " + burst);
            assertTrue(burstSeconds >= BURST_SECONDS && burstSeconds <= elapsed,
                    fields[0] + " s × " + worker.multipliesInLastBurst() + " in a call of " + elapsed + " s");
        }
    }

    @Test
    void theArgumentsAreAShapeAndABurstLength() {
        assertEquals(MatmulShape.OUTPUT_FORWARD, MultiplyWorker.shapeNamed("OUTPUT_FORWARD"));
        assertNull(MultiplyWorker.shapeNamed("output_forward"));
        assertEquals(0.25, MultiplyWorker.secondsIn("0.25"));
        assertTrue(Double.isNaN(MultiplyWorker.secondsIn("quarter")));
    }
}
