package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line's contract: help lists every flag with its default; mistakes are one line and exit 2. */
public class CommandLineTest {

    /**
     * What one in-process run of nnlab (or another main, e.g. the benchmarks' RooflinePlot) printed
     * and returned.
     *
     * @param status the exit status
     * @param out    what it printed on System.out
     * @param err    what it printed on System.err
     */
    public record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        return capture(() -> Main.run(args));
    }

    /** One command run as Main runs it, e.g. a command built with test images. */
    static Run run(Main.Command command, String... args) {
        return capture(() -> Main.run(command, args));
    }

    /** Runs {@code nnlab} with System.out and System.err captured; it returns the exit status. */
    public static Run capture(java.util.function.IntSupplier nnlab) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = nnlab.getAsInt();
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--lr|-1|--lr must be a positive number, got '-1'",
        "--lr|abc|--lr must be a positive number, got 'abc'",
        "--batch|0|--batch must be a whole number ≥ 1 or full, got '0'",
        "--epochs|2.5|--epochs must be a whole number ≥ 1, got '2.5'",
        "--activation|swish|--activation: unknown activation 'swish'",
        "--loss|hinge|--loss: unknown output/loss 'hinge'",
        "--init|uniform|--init: unknown initialisation 'uniform'",
        "--schedule|per-epoch:1.5|--schedule: the per-epoch factor must be in (0, 1], got 1.5",
        "--schedule|cosine|--schedule: unknown schedule 'cosine'",
        "--optimizer|rmsprop|--optimizer: unknown optimizer 'rmsprop'",
        "--momentum|1|--momentum must be a number in [0, 1), got '1'",
        "--split|half|--split: unknown split 'half'",
        "--scaling|minmax|--scaling: unknown input scaling 'minmax'",
        "--task|10-vs-rest|--task: unknown task '10-vs-rest'",
        "--targets|plus-minus-one|--targets plus-minus-one needs --loss tanh-mse",
        "--task|5-vs-rest|--task 5-vs-rest has a single output",
        "--batch|none|--batch must be a whole number ≥ 1 or full, got 'none'",
        "--sampling|bootstrap|--sampling: unknown sampling 'bootstrap'",
        "--gradient|median|--gradient: unknown gradient reduction 'median'",
        "--l2-style|decoupled|--l2-style: unknown L2 style 'decoupled'",
        "--l2|-0.1|--l2 must be a number ≥ 0, got '-0.1'",
        "--dataset|cifar|--dataset: unknown dataset 'cifar'",
        "--augment|warp|--augment: unknown augmentation 'warp'",
        "--augment|flip|flips are for clothes, never digits",
        "--dropout|1|--dropout must be a number in [0, 1), got '1'",
        "--input-dropout|-0.2|--input-dropout must be a number in [0, 1), got '-0.2'",
        "--scale|1|--scale must be a number in [0, 1), got '1'",
        "--rotate|200|--rotate must be a number in [0, 180], got '200'",
        "--elastic-sigma|0|--elastic-sigma must be a positive number, got '0'",
    })
    void aBadValueGetsOneLineNamingTheFlagAndExitStatus2(String flag, String value, String expected) {
        Run result = run("train", flag, value);
        assertEquals(2, result.status(), result.err());
        assertTrue(result.err().contains(expected), "expected «" + expected + "» in «" + result.err() + "»");
        assertEquals(1, result.err().strip().lines().count(), "one line, no stack trace: " + result.err());
    }

    @Test
    void dropoutWithoutAHiddenLayerIsRefusedInOneLine() {
        Run result = run("train", "--hidden", "0", "--dropout", "0.5");
        assertEquals(2, result.status(), result.err());
        assertTrue(result.err().contains("dropout acts on the hidden layer's units, and this network has no hidden layer"),
                result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
    }

    @Test
    void anUnknownFlagIsNamed() {
        Run result = run("train", "--learning-rate", "0.1");
        assertEquals(2, result.status());
        assertTrue(result.err().contains("unknown flag --learning-rate"), result.err());
    }

    @Test
    void aFlagWithoutItsValueIsNamed() {
        Run result = run("train", "--epochs");
        assertEquals(2, result.status());
        assertTrue(result.err().contains("--epochs needs a value"), result.err());
    }

    @Test
    void anUnknownCommandIsNamed() {
        Run result = run("fly");
        assertEquals(2, result.status());
        assertTrue(result.err().contains("unknown command 'fly'"), result.err());
    }

    @Test
    void trainHelpListsEveryFlagWithItsDefault() {
        Run result = run("train", "--help");
        assertEquals(0, result.status());
        for (String line : new String[] {"--dataset NAME", "(default: mnist)", "--hidden H", "--activation NAME",
                                         "--loss NAME", "--lr RATE", "--schedule SCHEDULE", "--batch N", "--epochs N",
                                         "--l2 LAMBDA", "--seed N", "--split SPLIT", "--init SCHEME",
                                         "(default: 55k/5k)", "--task TASK", "--scaling NAME", "--targets NAME",
                                         "--bias-init NAME", "--l2-style NAME", "--optimizer NAME", "--momentum MU",
                                         "--sampling NAME", "--updates NAME", "--gradient NAME", "--freeze-biases",
                                         "--patience N", "--keep-best", "--save FILE", "--checkpoint-dir DIR",
                                         "--resume"}) {
            assertTrue(result.out().contains(line), "help should mention " + line + ":\n" + result.out());
        }
        assertTrue(result.out().contains("(default: " + TrainCommand.flags().get("lr") + ")"));
    }

    @Test
    void topLevelHelpListsTheCommands() {
        Run result = run("--help");
        assertEquals(0, result.status());
        for (String command : new String[] {"train", "evaluate", "predict"}) {
            assertTrue(result.out().contains("  " + command + " "), result.out());
        }
    }

    @Test
    void resumeNeedsTheCheckpointDirectory() {
        Run result = run("train", "--resume");
        assertEquals(2, result.status());
        assertTrue(result.err().contains("--resume needs --checkpoint-dir DIR"), result.err());
    }

    @Test
    void resumeRefusesSettingsThatWouldChangeTheRun() {
        Run result = run("train", "--resume", "--checkpoint-dir", "somewhere", "--lr", "0.5");
        assertEquals(2, result.status());
        assertTrue(result.err().contains("--lr cannot be combined with --resume"), result.err());
    }

    @Test
    void resumingFromAnEmptyDirectoryFailsNamingTheFile() {
        Run result = run("train", "--resume", "--checkpoint-dir", "target/no-such-checkpoints");
        assertEquals(1, result.status());
        assertTrue(result.err().contains("no checkpoint to resume: target/no-such-checkpoints/latest.npz does not exist"),
                result.err());
    }

    @Test
    void evaluateAndPredictHelpNameTheirArguments() {
        Run evaluate = run("evaluate", "--help");
        assertTrue(evaluate.out().startsWith("usage: nnlab evaluate MODEL [flags]"), evaluate.out());
        Run predict = run("predict", "--help");
        assertTrue(predict.out().startsWith("usage: nnlab predict MODEL IMAGE [flags]"), predict.out());
    }

    @Test
    void flagsAcceptNameEqualsValue() {
        Flags flags = new Flags("test").option("lr", "RATE", "0.1", "rate");
        flags.parse(new String[] {"--lr=0.25"});
        assertEquals(0.25, flags.positiveDouble("lr"));
        flags.parse(new String[] {});
        assertEquals(0.1, flags.positiveDouble("lr"));
    }
}
