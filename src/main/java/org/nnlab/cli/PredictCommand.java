package org.nnlab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.nnlab.data.DigitImage;
import org.nnlab.formats.FileFormatException;
import org.nnlab.persistence.SavedModel;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.model.OutputLoss;
import org.nnlab.preprocessing.Examples;
import org.nnlab.evaluation.Predictions;
import org.nnlab.preprocessing.Task;

/**
 * {@code nnlab predict MODEL IMAGE}: classifies one grey-scale picture of a digit (see
 * {@link DigitImage} for how it is read) and prints what the model outputs for each class.
 */
final class PredictCommand implements Main.Command {
    private static final int BAR_WIDTH = 30;

    static Flags flags() {
        return new Flags("predict")
                .argument("MODEL", "a model file written by nnlab train --save")
                .argument("IMAGE", "a PNG of one digit: 28×28, or larger (it is shrunk); white on black or black on white");
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
        DigitImage image;
        try {
            image = DigitImage.read(imagePath, model.imageRows(), model.imageCols());
        } catch (FileFormatException e) {
            throw new CommandFailedException(e.getMessage());
        }
        Examples input = Examples.from(image.image(), model.preprocessing(), Task.TEN_CLASSES);
        Matrix outputs = model.network().forward(input.inputs()).copy();
        int predicted = model.network().predictedClass(0);
        if (model.network().spec().outputLoss() == OutputLoss.SOFTMAX_CROSS_ENTROPY) {
            MatrixOps.rowSoftmax(outputs, outputs); // the fused loss leaves raw scores; probabilities are their softmax
        }

        PrintStream out = System.out;
        out.printf("model: %s (%s)%n", flags.argument("MODEL"), ModelArgument.describe(model));
        out.printf("image: %s, read as %s%n", imagePath,
                image.inverted() ? "a dark digit on a light background (inverted)" : "a light digit on a dark background");
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
