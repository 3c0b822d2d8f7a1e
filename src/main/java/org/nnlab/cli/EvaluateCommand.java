package org.nnlab.cli;

import java.io.PrintStream;
import org.nnlab.data.LabeledImages;
import org.nnlab.data.TrainTest;
import org.nnlab.persistence.SavedModel;
import org.nnlab.evaluation.ConfusionMatrix;
import org.nnlab.preprocessing.Examples;
import org.nnlab.evaluation.Predictions;
import org.nnlab.preprocessing.Task;

/**
 * {@code nnlab evaluate MODEL}: the model's accuracy on a dataset's test (or training) images,
 * per-class precision, recall and F1, and the confusion matrix, with the preprocessing and task
 * stored in the model.
 */
final class EvaluateCommand implements Main.Command {

    static Flags flags() {
        return new Flags("evaluate")
                .argument("MODEL", "a model file written by nnlab train --save (or a checkpoint)")
                .option("dataset", "NAME", null, "mnist or fashion-mnist (default: the dataset the model was trained on)")
                .option("images", "SET", "test", "test or train: which of the dataset's images to score");
    }

    @Override
    public String summary() {
        return "score a saved model: accuracy, per-class precision/recall/F1, confusion matrix";
    }

    @Override
    public int run(String[] args) {
        Flags flags = flags();
        if (!flags.parse(args)) {
            return 0;
        }
        String modelPath = flags.argument("MODEL");
        String set = flags.get("images", "test or train", EvaluateCommand::parseSet);
        SavedModel model = ModelArgument.load(modelPath);
        String dataset = ModelArgument.datasetName(model, flags.get("dataset"));
        TrainTest images = DatasetImages.load("evaluate", dataset);
        LabeledImages chosen = set.equals("train") ? images.train() : images.test();
        String mismatch = ModelArgument.sizeMismatch(modelPath, model, dataset, chosen);
        if (mismatch != null) {
            throw new CommandFailedException(mismatch);
        }
        Examples examples = Examples.from(chosen, model.preprocessing(), model.task());
        ConfusionMatrix matrix = ConfusionMatrix.of(examples.labels(),
                Predictions.of(model.network(), examples).classes(), model.task().classes());

        PrintStream out = System.out;
        out.printf("model: %s (%s)%n", modelPath, ModelArgument.describe(model));
        out.printf("images: %s %s set, %d images%n", dataset, set, chosen.count());
        print(out, matrix, model.task());
        return 0;
    }

    static void print(PrintStream out, ConfusionMatrix m, Task task) {
        out.printf("accuracy: %.2f%% (%d of %d)%n%n", 100 * m.accuracy(), m.correct(), m.total());
        int width = Math.max(7, task.className(task.isBinary() ? 1 : 0).length());
        out.printf("%" + width + "s  %9s  %6s  %6s  %7s%n", "class", "precision", "recall", "F1", "support");
        for (int c = 0; c < m.classes(); c++) {
            out.printf("%" + width + "s  %9.4f  %6.4f  %6.4f  %7d%n", task.className(c), m.precision(c), m.recall(c),
                    m.f1(c), m.support(c));
        }
        out.printf("%nconfusion matrix (rows: true class, columns: predicted class)%n%" + width + "s", "");
        for (int c = 0; c < m.classes(); c++) {
            out.printf(" %6s", shortName(task, c));
        }
        out.println();
        for (int actual = 0; actual < m.classes(); actual++) {
            out.printf("%" + width + "s", task.className(actual));
            for (int predicted = 0; predicted < m.classes(); predicted++) {
                out.printf(" %6d", m.count(actual, predicted));
            }
            out.println();
        }
    }

    private static String shortName(Task task, int label) {
        return task.isBinary() ? (label == 1 ? "yes" : "rest") : Integer.toString(label);
    }

    private static String parseSet(String text) {
        if (!text.equals("test") && !text.equals("train")) {
            throw new NumberFormatException();
        }
        return text;
    }
}
