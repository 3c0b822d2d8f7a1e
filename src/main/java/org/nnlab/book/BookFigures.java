package org.nnlab.book;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nnlab.layers.Activation;
import org.nnlab.layers.Layer;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.plot.ComputationGraph;
import org.nnlab.plot.FigureFiles;
import org.nnlab.plot.FunctionPlot;
import org.nnlab.plot.NetworkDiagram;
import org.nnlab.plot.Series;

/**
 * The book's figures that are not pictures of a training run (those come from the listings'
 * {@code train --plots}): the network, its computational graph, and the activations with their
 * derivatives, each drawn by nnlab's plot code as SVG and PNG.
 */
final class BookFigures {
    /** z from −5 to 5: far enough for sigmoid and tanh to flatten out, near enough to see ReLU's corner. */
    private static final double Z_LIMIT = 5;
    private static final int POINTS_PER_UNIT = 20;
    private static final Color[] COLORS = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73)};

    private BookFigures() {
    }

    static void writeAll(Path directory) throws IOException {
        Files.createDirectories(directory);
        FigureFiles.writePngAndSvg(new NetworkDiagram(784, 512, 10, "ReLU"), directory, "network");
        FigureFiles.writePngAndSvg(new ComputationGraph(), directory, "graph");
        FigureFiles.writePngAndSvg(FunctionPlot.chart("The hidden activations",
                "relu(z) = max(0, z), σ(z) = 1/(1 + e^−z) and tanh(z), computed by nnlab's Relu, Sigmoid and Tanh layers (forward).",
                "z", "g(z)", curves(false)), directory, "activations");
        FigureFiles.writePngAndSvg(FunctionPlot.chart("Their derivatives",
                "g′(z), computed by the same layers' backward passes with dA = 1. σ′ is at most 1/4, tanh′ at most 1;"
                        + " both vanish for large |z|. relu′ is 0 or 1 (0 at z = 0 exactly).",
                "z", "g′(z)", curves(true)), directory, "activation-derivatives");
    }

    /** One series per activation: g(z), or g′(z) from the backward pass, at z values around 0. */
    static List<Series> curves(boolean derivative) {
        List<Series> series = new ArrayList<>();
        Activation[] activations = {Activation.RELU, Activation.SIGMOID, Activation.TANH};
        for (int a = 0; a < activations.length; a++) {
            double[] z = zValues(activations[a] == Activation.RELU);
            Layer layer = activations[a].newLayer();
            Matrix input = Matrix.zeros(Precision.FLOAT64, 1, z.length);
            for (int i = 0; i < z.length; i++) {
                input.set(0, i, Double.isNaN(z[i]) ? 0 : z[i]);
            }
            Matrix output = layer.forward(input);
            if (derivative) {
                Matrix ones = input.zerosLike(1, z.length);
                ones.fill(1);
                output = layer.backward(ones);
            }
            double[] y = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                y[i] = Double.isNaN(z[i]) ? Double.NaN : output.get(0, i);
            }
            series.add(Series.line(name(activations[a], derivative), z, y, COLORS[a], a == 1));
        }
        return series;
    }

    private static String name(Activation activation, boolean derivative) {
        String name = switch (activation) {
            case RELU -> "relu";
            case SIGMOID -> "σ";
            case TANH -> "tanh";
        };
        return derivative ? name + "′" : name;
    }

    /** −5 … 5 in steps of 1/20; with a gap (NaN) at 0 for ReLU, so that relu′'s jump is not drawn as a slope. */
    private static double[] zValues(boolean gapAtZero) {
        int half = (int) (Z_LIMIT * POINTS_PER_UNIT);
        double[] z = new double[2 * half + 1];
        for (int i = -half; i <= half; i++) {
            z[i + half] = i == 0 && gapAtZero ? Double.NaN : (double) i / POINTS_PER_UNIT;
        }
        return z;
    }
}
