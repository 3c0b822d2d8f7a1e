package org.nnlab.serve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nnlab.matrix.Matrix;
import org.nnlab.model.Network;

/**
 * The answers of the page's JSON API, computed by nnlab's own layers on the server: the page only
 * draws the numbers it is sent. Each answer is a map that {@link org.nnlab.formats.Json} writes.
 */
final class PageApi {
    /** How many hidden units the page shows as "the units that pushed the prediction most". */
    static final int TOP_UNITS = 8;
    /** How many columns of dW1 (the units with the largest |dZ1ⱼ|) the backprop view shows as images. */
    static final int DW1_COLUMNS = 8;
    /** The largest learning rate a step may ask for. */
    static final double MAX_LEARNING_RATE = 10;

    private PageApi() {
    }

    /** GET /api/model: what is served. */
    static Map<String, Object> model(ServedModel model) {
        Network network = model.weights();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("state", "ready");
        answer.put("name", model.name());
        answer.put("network", network.spec().describe());
        answer.put("inputs", network.spec().inputs());
        answer.put("hidden", network.spec().hidden());
        answer.put("classes", network.spec().outputs());
        answer.put("activation", network.spec().hiddenActivation().cliName());
        answer.put("head", network.spec().outputLoss().cliName());
        answer.put("outputsAreProbabilities", ForwardPass.outputsAreProbabilities(network));
        answer.put("scaling", model.saved().preprocessing().scaling().cliName());
        answer.put("l2", network.spec().l2());
        answer.put("testSet", model.testSetName());
        answer.put("testImages", model.testImages().count());
        return answer;
    }

    /** GET /api/test-set: the test set's size, accuracy and the indices of its mistakes. */
    static Map<String, Object> testSet(ServedModel model) {
        int[] predicted = model.testPredictions();
        List<Integer> mistakes = new ArrayList<>();
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] != model.testImages().label(i)) {
                mistakes.add(i);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", model.testSetName());
        answer.put("count", predicted.length);
        answer.put("accuracy", 1 - (double) mistakes.size() / predicted.length);
        answer.put("mistakes", mistakes);
        return answer;
    }

    /** GET /api/unit/J: hidden unit j's incoming weights (column j of W1, as 28×28), its bias and its outgoing weights (row j of W2). */
    static Map<String, Object> unit(ServedModel model, int unit) {
        Network network = model.weights();
        Matrix w1 = network.parameter("W1").value();
        Matrix w2 = network.parameter("W2").value();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("unit", unit);
        answer.put("w1", column(w1, unit));
        answer.put("b1", number(network.parameter("b1").value().get(0, unit)));
        answer.put("w2", row(w2, unit));
        return answer;
    }

    /** POST /api/predict: the forward pass for a drawing or a test image. */
    static Map<String, Object> predict(ServedModel model, RequestJson body) {
        ShownImage shown = ShownImage.of(body, model);
        ForwardPass pass = model.forward(shown.pixels());
        Map<String, Object> answer = shownImage(model, shown);
        putForward(answer, pass);
        answer.put("contributions", contributions(model.weights(), pass));
        return answer;
    }

    /** POST /api/backprop: every gradient of chapter 4 for an image and the label the student picked. */
    static Map<String, Object> backprop(ServedModel model, RequestJson body) {
        ShownImage shown = ShownImage.of(body, model);
        int label = body.integer("label", 0, model.weights().spec().outputs() - 1);
        BackwardPass pass = model.backward(shown.pixels(), label);
        Map<String, Object> answer = shownImage(model, shown);
        putForward(answer, pass.forward());
        answer.put("label", label);
        answer.put("targets", row(pass.targets(), 0));
        answer.put("loss", pass.loss());
        answer.put("l2", model.weights().spec().l2());
        answer.put("dZ2", row(pass.dZ2(), 0));
        answer.put("db2", row(pass.db2(), 0));
        answer.put("dW2", matrix(pass.dW2()));
        answer.put("dA1", row(pass.dA1(), 0));
        answer.put("dZ1", row(pass.dZ1(), 0));
        answer.put("db1", row(pass.db1(), 0));
        answer.put("dW1", strongestColumns(pass.dW1(), pass.dZ1()));
        return answer;
    }

    /** POST /api/step: one SGD step on a copy of the network, and the outputs before and after. */
    static Map<String, Object> step(ServedModel model, RequestJson body) {
        ShownImage shown = ShownImage.of(body, model);
        int label = body.integer("label", 0, model.weights().spec().outputs() - 1);
        double learningRate = body.positive("learningRate", MAX_LEARNING_RATE);
        SgdStep step = model.step(shown.pixels(), label, learningRate);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("label", label);
        answer.put("learningRate", learningRate);
        answer.put("before", outcome(step.before()));
        answer.put("after", outcome(step.after()));
        return answer;
    }

    private static Map<String, Object> outcome(SgdStep.Outcome outcome) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outputs", row(outcome.outputs(), 0));
        answer.put("loss", outcome.loss());
        return answer;
    }

    private static Map<String, Object> shownImage(ServedModel model, ShownImage shown) {
        Map<String, Object> answer = new LinkedHashMap<>();
        List<Integer> input = new ArrayList<>(shown.pixels().length);
        for (byte b : shown.pixels()) {
            input.add(Byte.toUnsignedInt(b));
        }
        answer.put("input", input);
        answer.put("preparation", shown.preparation(model));
        answer.put("warning", shown.warning());
        answer.put("testIndex", shown.isTestImage() ? shown.testIndex() : null);
        answer.put("testLabel", shown.isTestImage() ? shown.testLabel() : null);
        return answer;
    }

    private static void putForward(Map<String, Object> answer, ForwardPass pass) {
        answer.put("outputs", row(pass.outputs(), 0));
        answer.put("predicted", pass.predicted());
        answer.put("z2", row(pass.z2(), 0));
        answer.put("z1", row(pass.z1(), 0));
        answer.put("a1", row(pass.a1(), 0));
    }

    /**
     * Why the predicted class c won: its score is Z2c = Σⱼ aⱼ·W2ⱼc + b2c, and these are the hidden
     * units with the largest terms aⱼ·W2ⱼc.
     */
    private static Map<String, Object> contributions(Network network, ForwardPass pass) {
        int c = pass.predicted();
        Matrix w2 = network.parameter("W2").value();
        List<Map<String, Object>> units = IntStream.range(0, w2.rows())
                .boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -pass.a1().get(0, j) * w2.get(j, c)))
                .limit(TOP_UNITS)
                .map(j -> {
                    Map<String, Object> unit = new LinkedHashMap<>();
                    unit.put("unit", j);
                    unit.put("activation", number(pass.a1().get(0, j)));
                    unit.put("weight", number(w2.get(j, c)));
                    unit.put("contribution", number(pass.a1().get(0, j) * w2.get(j, c)));
                    return unit;
                })
                .toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("class", c);
        answer.put("score", number(pass.z2().get(0, c)));
        answer.put("bias", number(network.parameter("b2").value().get(0, c)));
        answer.put("units", units);
        return answer;
    }

    /** The columns of dW1 (D×H) for the hidden units with the largest |dZ1ⱼ|: with one image, column j is X·dZ1ⱼ. */
    private static Map<String, Object> strongestColumns(Matrix dW1, Matrix dZ1) {
        List<Integer> units = IntStream.range(0, dZ1.cols())
                .boxed()
                .filter(j -> dZ1.get(0, j) != 0)
                .sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(dZ1.get(0, j))))
                .limit(DW1_COLUMNS)
                .toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("units", units);
        answer.put("columns", units.stream().map(j -> column(dW1, j)).toList());
        return answer;
    }

    private static Map<String, Object> matrix(Matrix m) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rows", m.rows());
        answer.put("cols", m.cols());
        List<Double> values = new ArrayList<>(m.size());
        for (int i = 0; i < m.size(); i++) {
            values.add(number(m.getFlat(i)));
        }
        answer.put("values", values);
        return answer;
    }

    private static List<Double> row(Matrix m, int r) {
        List<Double> values = new ArrayList<>(m.cols());
        for (int c = 0; c < m.cols(); c++) {
            values.add(number(m.get(r, c)));
        }
        return values;
    }

    private static List<Double> column(Matrix m, int c) {
        List<Double> values = new ArrayList<>(m.rows());
        for (int r = 0; r < m.rows(); r++) {
            values.add(number(m.get(r, c)));
        }
        return values;
    }

    /**
     * A float32 value as the shortest decimal that reads back to the same float: 0.1f is sent as
     * 0.1, not as the 0.10000000149011612 its double holds.
     */
    static double number(double float32Value) {
        return Double.parseDouble(Float.toString((float) float32Value));
    }
}
