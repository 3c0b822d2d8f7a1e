package org.nnlab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.nnlab.images.ImageFileException;
import org.nnlab.images.ImageFiles;
import org.nnlab.images.MnistStylePreprocessing;
import org.nnlab.images.PreparedDigit;
import org.nnlab.persistence.SavedModel;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.model.OutputLoss;
import org.nnlab.preprocessing.Examples;
import org.nnlab.evaluation.Predictions;
import org.nnlab.preprocessing.Task;

/**
 * {@code nnlab predict MODEL IMAGE}: classifies one picture of a digit and prints what the model
 * outputs for each class. The picture is first made to look like an MNIST image (see
 * {@link MnistStylePreprocessing}), and the 28×28 image the network is shown is printed too.
 */
final class PredictCommand implements Main.Command {
    private static final int BAR_WIDTH = 30;

    static Flags flags() {
        return new Flags("predict")
                .argument("MODEL", "a model file written by nnlab train --save")
                .argument("IMAGE", "a PNG of one digit, of any size, dark on light or light on dark (or on transparency)")
                .option("show", "FILE", null, "also write the 28×28 image the network is shown to FILE (PNG)");
    }

    @Override
    public String summary() {
        return "classify a PNG of a digit with a saved model and print the class probabilities";
    }

    @Override
    public int run(String[] args) {
        Flags flags = flags();
        if (!flags.parse(args)) {
            return 0;
        }
        SavedModel model = ModelArgument.load(flags.argument("MODEL"));
        Path imagePath = Path.of(flags.argument("IMAGE"));
        if (model.imageRows() != MnistStylePreprocessing.SIDE || model.imageCols() != MnistStylePreprocessing.SIDE) {
            throw new CommandFailedException(flags.argument("MODEL") + " expects " + model.imageRows() + "×" + model.imageCols()
                    + " images; predict prepares pictures as MNIST's 28×28");
        }
        PreparedDigit digit;
        try {
            digit = MnistStylePreprocessing.prepare(ImageFiles.read(imagePath));
            if (flags.get("show") != null) {
                ImageFiles.writeGreyPng(Path.of(flags.get("show")), MnistStylePreprocessing.SIDE,
                        MnistStylePreprocessing.SIDE, digit.pixels());
            }
        } catch (ImageFileException e) {
            throw new CommandFailedException(e.getMessage());
        }
        if (digit.isBlank()) {
            System.err.println("nnlab: warning: " + imagePath + " is blank (" + digit.blankReason()
                    + "): the network is shown an empty image, and its answer says nothing about a digit");
        }
        Examples input = Examples.from(digit.asImages(), model.preprocessing(), Task.TEN_CLASSES);
        Matrix outputs = model.network().forward(input.inputs()).copy();
        int predicted = model.network().predictedClass(0);
        if (model.network().spec().outputLoss() == OutputLoss.SOFTMAX_CROSS_ENTROPY) {
            MatrixOps.rowSoftmax(outputs, outputs); // the fused loss leaves raw scores; probabilities are their softmax
        }

        PrintStream out = System.out;
        out.printf("model: %s (%s)%n", flags.argument("MODEL"), ModelArgument.describe(model));
        out.printf("image: %s (%d×%d): %s%n", imagePath, digit.sourceWidth(), digit.sourceHeight(), digit.describe());
        out.print("the 28×28 image the network is shown" + (flags.get("show") != null ? " (also in " + flags.get("show") + ")" : "")
                + ":\n" + digit.ascii().indent(2));
        printOutputs(out, model, outputs, predicted);
        return 0;
    }

    private static void printOutputs(PrintStream out, SavedModel model, Matrix outputs, int predicted) {
        Task task = model.task();
        OutputLoss head = model.network().spec().outputLoss();
        if (task.isBinary()) {
            double p = Predictions.asProbability(outputs.get(0, 0), model.network().spec().targets());
            out.printf("predicted: %s%n%s: probability %.4f %s%n", task.className(predicted), task.className(1), p, bar(p));
            return;
        }
        out.printf("predicted: %s%n", task.className(predicted));
        out.println(head.isSoftmax() ? "class  probability"
                : "class  output (" + head.cliName() + ": one independent score per class, not probabilities summing to 1)");
        for (int c = 0; c < outputs.cols(); c++) {
            double value = outputs.get(0, c);
            double shown = head.isSoftmax() ? value : Predictions.asProbability(value, model.network().spec().targets());
            out.printf("%5s  %11.4f %s%s%n", task.className(c), value, bar(shown), c == predicted ? "  ←" : "");
        }
    }

    private static String bar(double fraction) {
        return "#".repeat((int) Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH));
    }
}
