package org.nnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nnlab.model.Network;
import org.nnlab.preprocessing.Examples;
import org.nnlab.training.Trainer;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.TrainingListener;

class EpochWorkerTest {
    @Test
    void everyRequestTrainsOneEpochFromTheSameInitialWeights() throws IOException {
        Examples examples = TrainingSetup.randomExamples(300, 7);
        EpochWorker worker = new EpochWorker(TrainingSetup.newNetwork(1, 16), examples);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        worker.serve(new BufferedReader(new StringReader("go\ngo\ngo\n")), new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "test kernels");
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");

        assertEquals(4, lines.length, bytes.toString(StandardCharsets.UTF_8));
        assertEquals("ready test kernels", lines[0]);
        // The loss of one epoch of a fresh network, trained here on its own.
        Network fresh = TrainingSetup.newNetwork(1, 16);
        double loss = new Trainer(TrainingConfig.sgd(1, TrainingSetup.BATCH, 0.5, 1.0, 1))
                .train(fresh, examples, examples.subset(new int[0]), TrainingListener.SILENT).last().trainLoss();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(" ");
            assertEquals(3, fields.length, lines[i]);
            assertTrue(Double.parseDouble(fields[0]) > 0, "wall time in " + lines[i]);
            // Each epoch starts again from the initial weights: the fresh network's loss, to the bit, every time.
            assertEquals(Double.toString(loss), fields[2], "epoch " + i);
        }
    }

    @Test
    void theArgumentsAreAKindOfEpochAndAThreadCount() {
        assertTrue(EpochWorker.validArguments(new String[] {"skip"}));
        assertTrue(EpochWorker.validArguments(new String[] {"dense", "2"}));
        assertFalse(EpochWorker.validArguments(new String[] {}));
        assertFalse(EpochWorker.validArguments(new String[] {"sparse"}));
        assertFalse(EpochWorker.validArguments(new String[] {"skip", "two"}));
        assertFalse(EpochWorker.validArguments(new String[] {"skip", "0"}));
        assertFalse(EpochWorker.validArguments(new String[] {"skip", "2", "3"}));
    }
}
