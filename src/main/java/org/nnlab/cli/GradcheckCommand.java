package org.nnlab.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nnlab.gradcheck.GradientChecker;
import org.nnlab.gradcheck.GradientReport;
import org.nnlab.gradcheck.NetworkGradientCheck;
import org.nnlab.gradcheck.Tolerances;
import org.nnlab.layers.Activation;
import org.nnlab.matrix.Precision;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;

/**
 * {@code nnlab gradcheck}: checks every gradient of a small network (the input X and W1, b1, W2,
 * b2) against five-point differences of its loss, in float64 through the same layers that train
 * in float32, and prints a table per network. Elements within h of a kink (a ReLU input at 0, the
 * clamp of binary cross-entropy), as the layers report them, are counted and excluded. Exit status
 * 0 when every check passes, 1 when any fails, 2 on a usage mistake.
 */
final class GradcheckCommand implements Main.Command {

    static Flags flags() {
        return new Flags("gradcheck")
                .option("activation", "NAME", "relu", "hidden activation: relu, sigmoid or tanh")
                .option("loss", "NAME", "softmax-ce",
                        "output and loss: softmax-ce, softmax-mse, sigmoid-mse, sigmoid-bce or tanh-mse")
                .toggle("all", "check every activation × output/loss pair, one table each (not with --activation or --loss)")
                .option("inputs", "D", "20", "input features (MNIST has 784; a small D keeps the check quick)")
                .option("hidden", "H", "16", "hidden units (0: no hidden layer)")
                .option("classes", "C", "10", "outputs")
                .option("batch", "N", "8", "examples in the batch (more than 1, or a missing 1/N goes unseen)")
                .option("l2", "LAMBDA", "0.01", "L2 strength λ; not 0 by default, so that the penalty's gradient is checked")
                .option("dropout", "P", "0", "dropout on the hidden units, checked with one mask held fixed (0: none)")
                .option("input-dropout", "P", "0", "dropout on the inputs, checked with one mask held fixed (0: none)")
                .option("seed", "N", "1", "seed for the weights, the batch and the sampled elements")
                .option("precision", "P", "float64", "float64 (a verdict) or float32 (rough; warns)")
                .option("samples", "K", "all", "elements checked per weight and input tensor: all, or K seeded ones"
                        + " (biases: always all)")
                .option("rtol", "R", null, "relative tolerance (default: 1e-7 in float64, 1e-2 in float32)")
                .option("atol", "A", null, "absolute tolerance (default: 1e-8 in float64, 1e-4 in float32)");
    }

    @Override
    public String summary() {
        return "check every gradient against five-point differences (float64)";
    }

    @Override
    public int run(String[] args) {
        Flags flags = flags();
        if (!flags.parse(args)) {
            return 0;
        }
        boolean all = flags.isSet("all");
        if (all && (flags.isSet("activation") || flags.isSet("loss"))) {
            throw new UsageException("gradcheck: --all checks every activation and output/loss; drop --activation and --loss");
        }
        Activation activation = flags.get("activation", "relu, sigmoid or tanh", Activation::parse);
        OutputLoss outputLoss = flags.get("loss", "an output/loss name", OutputLoss::parse);
        int inputs = flags.positiveInt("inputs");
        int hidden = flags.nonNegativeInt("hidden");
        int classes = flags.positiveInt("classes");
        int batch = flags.positiveInt("batch");
        double l2 = flags.nonNegativeDouble("l2");
        double dropout = flags.nonNegativeDouble("dropout");
        double inputDropout = flags.nonNegativeDouble("input-dropout");
        long seed = flags.longValue("seed");
        Precision precision = flags.get("precision", "float64 or float32", GradcheckCommand::parsePrecision);
        GradientChecker checker = checker(flags, precision, seed);

        List<NetworkSpec> specs = new ArrayList<>();
        for (Activation a : all ? List.of(Activation.values()) : List.of(activation)) {
            for (OutputLoss o : all ? List.of(OutputLoss.values()) : List.of(outputLoss)) {
                specs.add(dropout(new NetworkSpec(inputs, hidden, classes, a, o, NetworkSpec.defaultInitialization(a), l2),
                        dropout, inputDropout));
            }
        }
        // The batch, the weights, their gradients and the finite differences' copies, in float64.
        long[] weights = RunRequirements.weightElements(specs.get(0));
        long largest = Math.max((long) batch * inputs, Math.max(weights[0], weights[weights.length - 1]));
        RunRequirements.requireMemory("gradcheck", "--inputs " + inputs + " --hidden " + hidden + " --batch " + batch,
                largest, (4 * (weights[0] + weights[weights.length - 1]) + 3L * batch * inputs) * Double.BYTES);
        return check(specs, batch, precision, seed, checker, System.out);
    }

    /** Prints one report per network, and for several a closing line; 0 when all pass, else 1. */
    private static int check(List<NetworkSpec> specs, int batch, Precision precision, long seed,
                             GradientChecker checker, PrintStream out) {
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            NetworkSpec spec = specs.get(i);
            GradientReport report = NetworkGradientCheck.create(spec, batch, precision, seed).run(checker);
            out.print((i == 0 ? "" : "\n") + report.format());
            if (!report.passed()) {
                failed.add(spec.describe());
            }
        }
        if (specs.size() > 1) {
            out.println();
            out.println(failed.isEmpty()
                    ? String.format(Locale.ROOT, "gradcheck --all: PASS, all %d networks pass", specs.size())
                    : String.format(Locale.ROOT, "gradcheck --all: FAIL, %d of %d networks fail: %s", failed.size(),
                            specs.size(), String.join("; ", failed)));
        }
        return failed.isEmpty() ? 0 : 1;
    }

    private static NetworkSpec dropout(NetworkSpec spec, double hiddenRate, double inputRate) {
        try {
            return spec.withDropout(hiddenRate, inputRate);
        } catch (IllegalArgumentException e) {
            throw new UsageException("gradcheck: --dropout/--input-dropout: " + e.getMessage());
        }
    }

    private static GradientChecker checker(Flags flags, Precision precision, long seed) {
        Tolerances defaults = Tolerances.forPrecision(precision);
        double rtol = flags.isSet("rtol") ? flags.positiveDouble("rtol") : defaults.relative();
        double atol = flags.isSet("atol") ? flags.positiveDouble("atol") : defaults.absolute();
        int samples = flags.get("samples", "all or a whole number ≥ 1", GradcheckCommand::parseSamples);
        return GradientChecker.standard().withTolerances(new Tolerances(rtol, atol)).withSamples(samples).withSeed(seed);
    }

    private static Precision parsePrecision(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "float64", "double" -> Precision.FLOAT64;
            case "float32", "float" -> Precision.FLOAT32;
            default -> throw new IllegalArgumentException(); // Flags names the flag and what it expects
        };
    }

    private static int parseSamples(String text) {
        if (text.trim().equalsIgnoreCase("all")) {
            return GradientChecker.ALL;
        }
        int k = Integer.parseInt(text.trim());
        if (k < 1) {
            throw new IllegalArgumentException();
        }
        return k;
    }
}
