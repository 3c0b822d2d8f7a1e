package org.nnlab.book;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nnlab.gradcheck.GradientChecker;
import org.nnlab.gradcheck.GradientReport;
import org.nnlab.layers.Activation;
import org.nnlab.layers.Linear;
import org.nnlab.layers.Parameter;
import org.nnlab.layers.Relu;
import org.nnlab.losses.SoftmaxCrossEntropy;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.optimizers.Sgd;

/**
 * The book's worked example (chapter 4): a 4-3-2 ReLU network with softmax cross-entropy, a batch
 * of two examples, pushed through the forward pass, the loss, every backward equation and one SGD
 * step, with the numbers that nnlab's own layers compute. The result is AsciiDoc with one tagged
 * region per step, which the chapter includes; the book's build writes it and fails when it differs
 * from {@code docs/listings/worked-example.adoc}.
 *
 * <p>Every number comes from a layer's {@code forward} or {@code backward}, called one at a time in
 * the order of (2.1)–(2.5) and (4.9)–(4.15). Before writing anything, the example checks that those
 * numbers are exactly what {@link Network#lossAndGradients} computes, and that the gradient checker
 * passes every gradient against finite differences; otherwise it throws, and the book does not build.
 */
public final class WorkedExample {
    /** N×D: two examples of four inputs. */
    static final double[][] X = {{0.5, -1.0, 2.0, 0.0}, {1.0, 0.5, -0.5, 1.5}};
    /** The class of each example. */
    static final int[] LABELS = {1, 0};
    static final double[][] W1 = {{0.2, -0.4, 0.1}, {0.5, 0.3, -0.2}, {-0.1, 0.2, 0.4}, {0.3, -0.1, 0.2}};
    static final double[][] B1 = {{0.1, -0.1, 0.0}};
    static final double[][] W2 = {{0.3, 0.5}, {0.1, 0.4}, {-0.5, 0.6}};
    static final double[][] B2 = {{0.0, 0.1}};
    static final double LEARNING_RATE = 0.5;

    private static final Precision PRECISION = Precision.FLOAT64;

    private WorkedExample() {
    }

    /** Every matrix of the example, as the layers computed it. */
    record Steps(Matrix x, Matrix y, Matrix z1, Matrix a1, Matrix z2, Matrix p, double loss, Matrix dz2, Matrix dw2,
                 Matrix db2, Matrix da1, Matrix dz1, Matrix dw1, Matrix db1, Matrix dx) {
    }

    /** The 4-3-2 network with the example's weights, in float64. */
    static Network network() {
        NetworkSpec spec = new NetworkSpec(X[0].length, W1[0].length, W2[0].length, Activation.RELU,
                OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.HE, 0);
        Network network = Network.create(spec, PRECISION, new Random(0));
        network.parameter("W1").value().copyFrom(Matrix.of(PRECISION, W1));
        network.parameter("b1").value().copyFrom(Matrix.of(PRECISION, B1));
        network.parameter("W2").value().copyFrom(Matrix.of(PRECISION, W2));
        network.parameter("b2").value().copyFrom(Matrix.of(PRECISION, B2));
        return network;
    }

    static Matrix targets() {
        Matrix y = Matrix.zeros(PRECISION, LABELS.length, W2[0].length);
        for (int n = 0; n < LABELS.length; n++) {
            y.set(n, LABELS[n], 1);
        }
        return y;
    }

    /** The forward and backward pass, one layer call at a time; copies, since layers reuse their buffers. */
    static Steps steps(Network network, Matrix x, Matrix y) {
        Linear layer1 = (Linear) network.layers().get(0);
        Relu relu = (Relu) network.layers().get(1);
        Linear layer2 = (Linear) network.layers().get(2);
        SoftmaxCrossEntropy loss = (SoftmaxCrossEntropy) network.lossFunction();

        Matrix z1 = layer1.forward(x).copy();
        Matrix a1 = relu.forward(z1).copy();
        Matrix z2 = layer2.forward(a1).copy();
        double dataLoss = loss.forward(z2, y);
        Matrix p = loss.probabilities().copy();

        Matrix dz2 = loss.backward().copy();
        Matrix da1 = layer2.backward(dz2).copy();
        Matrix dz1 = relu.backward(da1).copy();
        layer1.setInputGradientWanted(true);
        Matrix dx = layer1.backward(dz1).copy();
        return new Steps(x, y, z1, a1, z2, p, dataLoss, dz2, gradient(layer2.weights()), gradient(layer2.bias()), da1,
                dz1, gradient(layer1.weights()), gradient(layer1.bias()), dx);
    }

    private static Matrix gradient(Parameter p) {
        return p.gradient().copy();
    }

    /** The chapter's regions: given, forward, loss, backward, check, update. */
    public static String asciidoc() {
        Network network = network();
        Matrix x = Matrix.of(PRECISION, X);
        Matrix y = targets();
        Steps s = steps(network, x, y);
        requireSameAsNetwork(network, x, y, s);
        GradientReport check = GradientChecker.standard().checkNetwork(network, x, y);
        if (!check.passed()) {
            throw new IllegalStateException("the worked example's gradients fail the gradient check:\n" + check.format());
        }

        StringBuilder doc = new StringBuilder();
        doc.append("// Written by org.nnlab.book.WorkedExample during the book's build; do not edit by hand.\n");
        doc.append("// Entries are numbered from 1, as in the equations; every number is rounded to 4 decimals.\n\n");
        region(doc, "given", given(s));
        region(doc, "forward", forward(s));
        region(doc, "loss", loss(s));
        region(doc, "backward", backward(s));
        region(doc, "check", "[source%nowrap,console]\n----\n" + check.format().stripTrailing() + "\n----\n");
        region(doc, "update", update(network, x, y, s));
        return doc.toString();
    }

    /** The step-by-step gradients must be the network's own, to the bit: the example shows what training computes. */
    private static void requireSameAsNetwork(Network network, Matrix x, Matrix y, Steps s) {
        double total = network.lossAndGradients(x, y, true);
        List<String> differ = new ArrayList<>();
        compare("loss", Matrix.of(PRECISION, new double[] {total}), Matrix.of(PRECISION, new double[] {s.loss()}), differ);
        compare("dW1", network.parameter("W1").gradient(), s.dw1(), differ);
        compare("db1", network.parameter("b1").gradient(), s.db1(), differ);
        compare("dW2", network.parameter("W2").gradient(), s.dw2(), differ);
        compare("db2", network.parameter("b2").gradient(), s.db2(), differ);
        compare("dX", network.inputGradient(), s.dx(), differ);
        if (!differ.isEmpty()) {
            throw new IllegalStateException("the worked example's layer-by-layer " + differ
                    + " differ from Network.lossAndGradients: the example no longer shows what training computes");
        }
    }

    private static void compare(String name, Matrix network, Matrix stepByStep, List<String> differ) {
        for (int i = 0; i < network.size(); i++) {
            if (Double.compare(network.getFlat(i), stepByStep.getFlat(i)) != 0) {
                differ.add(name);
                return;
            }
        }
    }

    private static void region(StringBuilder doc, String tag, String content) {
        doc.append("// tag::").append(tag).append("[]\n").append(content).append("// end::").append(tag).append("[]\n\n");
    }

    private static String given(Steps s) {
        return math("X = " + Latex.matrix(s.x()) + ",\\quad Y = " + Latex.matrix(s.y())
                + "\\quad (y_1 = " + LABELS[0] + ",\\ y_2 = " + LABELS[1] + ")")
                + math("W_1 = " + Latex.matrix(W1) + ",\\quad b_1 = " + Latex.matrix(B1) + ",\\quad W_2 = "
                + Latex.matrix(W2) + ",\\quad b_2 = " + Latex.matrix(B2));
    }

    private static String forward(Steps s) {
        int n = 0;
        int h = 2;
        return math("Z_1 = X W_1 + \\mathbf{1}_N b_1 = " + Latex.matrix(s.z1()) + "\\qquad (N \\times H = 2 \\times 3)")
                + math("(Z_1)_{" + (n + 1) + (h + 1) + "} = " + dotProduct(s.x(), n, W1, h) + " + " + Latex.number(B1[0][h])
                + " = " + Latex.number(s.z1().get(n, h)))
                + math("A_1 = \\operatorname{relu}(Z_1) = " + Latex.matrix(s.a1()))
                + math("Z_2 = A_1 W_2 + \\mathbf{1}_N b_2 = " + Latex.matrix(s.z2()) + "\\qquad (N \\times C = 2 \\times 2)")
                + math("P = \\operatorname{softmax}(Z_2) = " + Latex.matrix(s.p()))
                + math("P_{11} = \\frac{e^{" + Latex.number(s.z2().get(0, 0)) + "}}{e^{" + Latex.number(s.z2().get(0, 0))
                + "} + e^{" + Latex.number(s.z2().get(0, 1)) + "}} = " + Latex.number(s.p().get(0, 0)));
    }

    private static String loss(Steps s) {
        StringBuilder terms = new StringBuilder();
        for (int n = 0; n < LABELS.length; n++) {
            terms.append(n == 0 ? "" : " + ").append("\\log ").append(Latex.number(s.p().get(n, LABELS[n])));
        }
        return math("\\ell = -\\frac{1}{N} \\sum_{n} \\log P_{n, y_n} = -\\tfrac{1}{2}\\bigl(" + terms + "\\bigr) = "
                + Latex.number(s.loss()));
    }

    private static String backward(Steps s) {
        return math("\\mathrm{d}Z_2 = \\tfrac{1}{N}(P - Y) = \\tfrac{1}{2}" + Latex.matrix(minus(s.p(), s.y())) + " = "
                + Latex.matrix(s.dz2()))
                + math("\\mathrm{d}W_2 = A_1^{\\mathsf T}\\, \\mathrm{d}Z_2 = " + Latex.matrix(s.dw2())
                + "\\qquad (H \\times C = 3 \\times 2)")
                + math("(\\mathrm{d}W_2)_{31} = (A_1)_{13} (\\mathrm{d}Z_2)_{11} + (A_1)_{23} (\\mathrm{d}Z_2)_{21} = "
                + Latex.number(s.a1().get(0, 2)) + " \\cdot " + Latex.signed(s.dz2().get(0, 0)) + " + "
                + Latex.number(s.a1().get(1, 2)) + " \\cdot " + Latex.signed(s.dz2().get(1, 0)) + " = "
                + Latex.number(s.dw2().get(2, 0)))
                + math("\\mathrm{d}b_2 = \\mathbf{1}_N^{\\mathsf T}\\, \\mathrm{d}Z_2 = " + Latex.matrix(s.db2()))
                + math("\\mathrm{d}A_1 = \\mathrm{d}Z_2\\, W_2^{\\mathsf T} = " + Latex.matrix(s.da1())
                + "\\qquad (N \\times H = 2 \\times 3)")
                + math("[Z_1 > 0] = " + Latex.matrix(mask(s.z1())) + ",\\qquad \\mathrm{d}Z_1 = \\mathrm{d}A_1 \\odot [Z_1 > 0] = "
                + Latex.matrix(s.dz1()))
                + math("\\mathrm{d}W_1 = X^{\\mathsf T}\\, \\mathrm{d}Z_1 = " + Latex.matrix(s.dw1())
                + "\\qquad (D \\times H = 4 \\times 3)")
                + math("\\mathrm{d}b_1 = \\mathbf{1}_N^{\\mathsf T}\\, \\mathrm{d}Z_1 = " + Latex.matrix(s.db1()));
    }

    private static String update(Network network, Matrix x, Matrix y, Steps s) {
        network.lossAndGradients(x, y);
        new Sgd().update(network.parameters(), LEARNING_RATE);
        Matrix[] updated = network.parameters().stream().map(p -> p.value().copy()).toArray(Matrix[]::new);
        double after = network.loss(x, y);
        String eta = Latex.number(LEARNING_RATE);
        return math("W_1 - \\eta\\, \\mathrm{d}W_1 = " + Latex.matrix(updated[0]) + ",\\quad b_1 - \\eta\\, \\mathrm{d}b_1 = "
                + Latex.matrix(updated[1]) + "\\qquad (\\eta = " + eta + ")")
                + math("W_2 - \\eta\\, \\mathrm{d}W_2 = " + Latex.matrix(updated[2]) + ",\\quad b_2 - \\eta\\, \\mathrm{d}b_2 = "
                + Latex.matrix(updated[3]))
                + math("\\ell_{\\text{before}} = " + Latex.number(s.loss()) + " \\quad\\longrightarrow\\quad \\ell_{\\text{after}} = "
                + Latex.number(after));
    }

    /** "0.5 \cdot 0.1 + (-1) \cdot (-0.2) + …" for row n of x times column h of w. */
    private static String dotProduct(Matrix x, int n, double[][] w, int h) {
        List<String> terms = new ArrayList<>();
        for (int d = 0; d < w.length; d++) {
            terms.add(Latex.signed(x.get(n, d)) + " \\cdot " + Latex.signed(w[d][h]));
        }
        return String.join(" + ", terms);
    }

    private static Matrix minus(Matrix a, Matrix b) {
        Matrix difference = a.copy();
        for (int i = 0; i < a.size(); i++) {
            difference.setFlat(i, a.getFlat(i) - b.getFlat(i));
        }
        return difference;
    }

    private static Matrix mask(Matrix z) {
        Matrix mask = z.copy();
        for (int i = 0; i < z.size(); i++) {
            mask.setFlat(i, z.getFlat(i) > 0 ? 1 : 0);
        }
        return mask;
    }

    private static String math(String latex) {
        return "[latexmath]\n++++\n" + latex + "\n++++\n\n";
    }

    /** Numbers and matrices as LaTeX, rounded to 4 decimals, trailing zeros dropped. */
    static final class Latex {
        private Latex() {
        }

        static String number(double value) {
            String text = String.format(Locale.ROOT, "%.4f", value);
            text = text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
            return text.equals("-0") ? "0" : text;
        }

        /** A negative number in parentheses, as it stands in a product. */
        static String signed(double value) {
            String text = number(value);
            return text.startsWith("-") ? "(" + text + ")" : text;
        }

        static String matrix(Matrix m) {
            StringBuilder sb = new StringBuilder("\\begin{bmatrix}");
            for (int r = 0; r < m.rows(); r++) {
                sb.append(r == 0 ? " " : " \\\\ ");
                for (int c = 0; c < m.cols(); c++) {
                    sb.append(c == 0 ? "" : " & ").append(number(m.get(r, c)));
                }
            }
            return sb.append(" \\end{bmatrix}").toString();
        }

        static String matrix(double[][] values) {
            return matrix(Matrix.of(PRECISION, values));
        }
    }
}
