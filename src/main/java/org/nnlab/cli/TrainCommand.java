package org.nnlab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;
import org.nnlab.layers.Activation;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.training.Evaluation;
import org.nnlab.training.Examples;
import org.nnlab.training.History;
import org.nnlab.training.InputScaling;
import org.nnlab.training.Trainer;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.TrainingDivergedException;

/** {@code nnlab train}: trains a two-layer network on MNIST (or Fashion-MNIST) and reports test accuracy. */
final class TrainCommand implements Main.Command {

    static Flags flags() {
        return new Flags("train")
                .option("dataset", "NAME", "mnist", "mnist or fashion-mnist")
                .option("hidden", "H", "512", "hidden units (0: no hidden layer)")
                .option("activation", "NAME", "relu", "hidden activation: relu, sigmoid or tanh")
                .option("loss", "NAME", "softmax-ce",
                        "output and loss: softmax-ce, softmax-mse, sigmoid-mse, sigmoid-bce or tanh-mse")
                .option("init", "SCHEME", null, "weights: he, xavier or gaussian:STD (default: he for relu, else xavier)")
                .option("lr", "RATE", "0.5", "learning rate")
                .option("decay", "FACTOR", "0.9", "learning rate multiplied by this after each epoch, in (0, 1]")
                .option("batch", "N", "64", "minibatch size")
                .option("epochs", "N", "10", "passes over the training set")
                .option("l2", "LAMBDA", "0", "L2 strength λ: adds (λ/2)·Σ‖W‖² to the loss, weights only")
                .option("validation", "N", "5000", "training images held out for validation")
                .option("seed", "N", "1", "seed for initialisation, the split and shuffling")
                .option("plots", "DIR", null, "after training, write history.csv, learning curves and weight images"
                        + " (PNG and SVG) into DIR");
    }

    @Override
    public String summary() {
        return "train on MNIST and report test accuracy (the main job)";
    }

    @Override
    public int run(String[] args) {
        Flags flags = flags();
        if (!flags.parse(args)) {
            return 0;
        }
        Activation activation = flags.get("activation", "relu, sigmoid or tanh", Activation::parse);
        OutputLoss outputLoss = flags.get("loss", "an output/loss name", OutputLoss::parse);
        Initialization init = flags.get("init") == null
                ? NetworkSpec.defaultInitialization(activation)
                : flags.get("init", "he, xavier or gaussian:STD", Initialization::parse);
        int hidden = flags.nonNegativeInt("hidden");
        double l2 = flags.nonNegativeDouble("l2");
        int validationSize = flags.nonNegativeInt("validation");
        TrainingConfig config = new TrainingConfig(flags.positiveInt("epochs"), flags.positiveInt("batch"),
                flags.positiveDouble("lr"),
                flags.get("decay", "a number in (0, 1]", text -> requireDecay(Double.parseDouble(text))),
                flags.longValue("seed"));
        String datasetName = flags.get("dataset");

        Path plots = flags.get("plots") == null ? null : RunPlots.createDirectory(flags.get("plots"));

        PrintStream out = System.out;
        DatasetExamples data = DatasetExamples.load(datasetName, InputScaling.UNIT);
        if (validationSize >= data.train().size()) {
            throw new UsageException("train: --validation must be less than the " + data.train().size()
                    + " training images, got " + validationSize);
        }
        Examples.Split split = data.train().split(validationSize, config.seed());
        NetworkSpec spec = new NetworkSpec(data.train().features(), hidden, data.train().classes(),
                activation, outputLoss, init, l2);
        Network network = Network.create(spec, Precision.FLOAT32, new Random(config.seed()));

        out.printf("nnlab: %s, %d training / %d validation / %d test images%n", datasetName,
                split.train().size(), split.validation().size(), data.test().size());
        String setup = String.format("network %s, init %s, L2 %s; SGD lr %s ×%s per epoch, batch %d, %d epochs, seed %d",
                spec.describe(), init, l2, config.learningRate(), config.learningRateDecay(), config.batchSize(),
                config.epochs(), config.seed());
        out.printf("nnlab: %s; %s kernels%n", setup, MatrixOps.kernelName());

        ProgressPrinter progress = new ProgressPrinter(out, System.console() != null, config.epochs());
        History history;
        try {
            history = new Trainer(config).train(network, split.train(), split.validation(), progress);
        } catch (TrainingDivergedException e) {
            throw new CommandFailedException(e.getMessage());
        }
        Evaluation.Score test = Evaluation.of(network, data.test(), outputLoss.defaultTargets());
        out.printf("test accuracy: %.2f%% (%d of %d images; best validation %.2f%%) in %.1f s%n",
                100 * test.accuracy(), Math.round(test.accuracy() * data.test().size()), data.test().size(),
                100 * history.epochs().stream().mapToDouble(e -> e.validationAccuracy()).max().orElse(Double.NaN),
                progress.elapsedSeconds());
        if (plots != null) {
            RunPlots.writeAfterTraining(plots, history, network, datasetName + ", " + setup, out);
        }
        return 0;
    }

    private static double requireDecay(double decay) {
        if (!(decay > 0 && decay <= 1)) {
            throw new NumberFormatException();
        }
        return decay;
    }
}
