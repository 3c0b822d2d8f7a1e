package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code nnlab gradcheck} run in-process through {@link Main#run}: exit codes and what it prints. */
class GradcheckCommandTest {

    /** Runs nnlab in-process and captures what it printed: {@link CommandLineTest#run}. */
    private static CommandLineTest.Run run(String... args) {
        return CommandLineTest.run(args);
    }

    @Test
    void theDefaultNetworkPassesWithATableRowPerTensor() {
        CommandLineTest.Run r = run("gradcheck");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().startsWith("gradient check: network 20-16-10 relu, softmax-ce, L2 λ = 0.01, batch 8, float64\n"),
                r.out());
        assertTrue(r.out().contains(
                "| tensor | shape | checked | kinks | max rel error | max abs error | worst at |"), r.out());
        for (String row : new String[] {"| X      | 8×20  | 160/160 |     0 |", "| W1     | 20×16 | 320/320 |     0 |",
            "| b1     | 1×16  |   16/16 |     0 |", "| W2     | 16×10 | 160/160 |     0 |", "| b2     | 1×10  |   10/10 |     0 |"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(row) && l.endsWith("| pass   |")), row + "\n" + r.out());
        }
        assertTrue(r.out().endsWith("PASS: all 5 tensors pass (666 elements checked, 0 kinks excluded)\n"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void chosenSizesActivationAndLoss() {
        CommandLineTest.Run r = run("gradcheck", "--activation", "tanh", "--loss", "tanh-mse", "--inputs", "6", "--hidden", "5",
                "--classes", "3", "--batch", "4", "--l2", "0.5", "--seed", "7");
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().startsWith("gradient check: network 6-5-3 tanh, tanh-mse, L2 λ = 0.5, batch 4, float64"), r.out());
        assertTrue(r.out().contains("| W2     | 5×3   |   15/15 |"), r.out());
    }

    @Test
    void dropoutIsCheckedWithItsMasksHeld() {
        for (String activation : new String[] {"relu", "sigmoid", "tanh"}) {
            CommandLineTest.Run r = run("gradcheck", "--activation", activation, "--dropout", "0.5", "--input-dropout", "0.2");
            assertEquals(0, r.status(), r.out() + r.err());
            assertTrue(r.out().startsWith("gradient check: network 20-16-10 " + activation
                    + ", softmax-ce, dropout 0.5, input dropout 0.2, L2 λ = 0.01, batch 8, float64"), r.out());
            assertTrue(r.out().contains("PASS: all 5 tensors pass"), r.out());
        }
        CommandLineTest.Run none = run("gradcheck", "--hidden", "0", "--dropout", "0.5");
        assertEquals(2, none.status());
        assertTrue(none.err().contains("--dropout/--input-dropout: dropout acts on the hidden layer's units"), none.err());
    }

    @Test
    void samplesLimitTheWeightsAndInputsButNotTheBiases() {
        CommandLineTest.Run r = run("gradcheck", "--samples", "5");
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("| W1     | 20×16 |   5/320 |"), r.out());
        assertTrue(r.out().contains("| X      | 8×20  |   5/160 |"), r.out());
        assertTrue(r.out().contains("| b1     | 1×16  |   16/16 |"), r.out());
    }

    @Test
    void aFailingCheckExitsWithOne() {
        // Tolerances below round-off: no numerical gradient can meet them, so the check must fail.
        CommandLineTest.Run r = run("gradcheck", "--rtol", "1e-15", "--atol", "1e-18");
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("FAIL: 5 of 5 tensors fail: X ("), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("| W1 ") && l.endsWith("| FAIL   |")), r.out());
    }

    @Test
    void float32Warns() {
        CommandLineTest.Run r = run("gradcheck", "--precision", "float32", "--activation", "tanh");
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains(", float32\n"), r.out());
        assertTrue(r.out().contains("warning: this check ran in float32"), r.out());
        assertTrue(r.out().contains("relative error > 1e-02 and absolute error > 1e-04"), r.out());
    }

    @Test
    void allChecksEveryActivationWithEveryOutputAndLoss() {
        CommandLineTest.Run r = run("gradcheck", "--all", "--inputs", "6", "--hidden", "5", "--classes", "3", "--batch", "4");
        assertEquals(0, r.status(), r.out());
        assertEquals(15, r.out().lines().filter(l -> l.startsWith("gradient check: network 6-5-3 ")).count(), r.out());
        assertEquals(15, r.out().lines().filter(l -> l.startsWith("| tensor |")).count());
        for (String name : new String[] {"relu, sigmoid-mse", "sigmoid, softmax-mse", "tanh, tanh-mse", "relu, softmax-ce",
            "sigmoid, sigmoid-bce"}) {
            assertTrue(r.out().contains("network 6-5-3 " + name + ","), name);
        }
        assertTrue(r.out().endsWith("gradcheck --all: PASS, all 15 networks pass\n"), r.out());
    }

    @Test
    void helpListsTheFlags() {
        CommandLineTest.Run r = run("gradcheck", "--help");
        assertEquals(0, r.status());
        for (String flag : new String[] {"--activation", "--loss", "--all", "--inputs", "--hidden", "--classes", "--batch",
            "--l2", "--seed", "--precision", "--samples"}) {
            assertTrue(r.out().contains("  " + flag + " "), flag + "\n" + r.out());
        }
    }

    @Test
    void theCommandIsListedInTheUsage() {
        CommandLineTest.Run r = run("--help");
        assertTrue(r.out().contains("  gradcheck  "), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--precision float16", "--samples 0", "--samples some", "--batch 0", "--loss softmax",
        "--activation elu", "--all --activation tanh", "--rtol -1", "--frobnicate"})
    void usageMistakesExitWithTwoAndOneLine(String args) {
        String[] argv = ("gradcheck " + args).split(" ");
        CommandLineTest.Run r = run(argv);
        assertEquals(2, r.status(), args + ": " + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("nnlab gradcheck: "), r.err());
        assertEquals("", r.out());
    }
}
