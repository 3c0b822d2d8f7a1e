package org.nnlab.preprocessing;

import java.util.Arrays;
import org.nnlab.data.LabeledImages;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.matrix.Precision;
import org.nnlab.random.Shuffle;
import org.nnlab.random.SplitMix64;

/**
 * A set of labelled examples ready for the network: inputs N×D (one example per row) and the
 * class label of each row.
 */
public record Examples(Matrix inputs, int[] labels, int classes) {

    public Examples {
        if (labels.length != inputs.rows()) {
            throw new IllegalArgumentException(inputs.rows() + " inputs but " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i
                        + " is outside 0.." + (classes - 1));
            }
        }
    }

    /**
     * Examples from images with labels 0..9: pixels preprocessed into float32 inputs, digits turned
     * into the task's labels.
     */
    // tag::from-pixels[]
    public static Examples from(LabeledImages images, Preprocessing preprocessing, Task task) {
        int pixels = images.pixelsPerImage();
        if (preprocessing.pixels() >= 0 && preprocessing.pixels() != pixels) {
            throw new IllegalArgumentException("the preprocessing was fitted to images of " + preprocessing.pixels()
                    + " pixels, these have " + pixels);
        }
        Matrix inputs = Matrix.zeros(Precision.FLOAT32, images.count(), pixels);
        float[] values = inputs.floats();
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) preprocessing.apply(Byte.toUnsignedInt(images.pixels()[i]), i % pixels);
        }
        int[] labels = new int[images.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = task.label(images.label(i));
        }
        return new Examples(inputs, labels, task.classes());
    }
    // end::from-pixels[]

    /** Ten-class examples scaled by a scaling that needs no statistics. */
    public static Examples from(LabeledImages images, InputScaling scaling) {
        return from(images, Preprocessing.of(scaling), Task.TEN_CLASSES);
    }

    public int size() {
        return labels.length;
    }

    public int features() {
        return inputs.cols();
    }

    /** The examples at the given indices, in that order, copied. */
    public Examples subset(int[] indices) {
        Matrix rows = inputs.zerosLike(indices.length, inputs.cols());
        int[] subsetLabels = new int[indices.length];
        gather(indices, 0, indices.length, rows, subsetLabels);
        return new Examples(rows, subsetLabels, classes);
    }

    /** Copies examples order[from], …, order[from + count − 1] into rows 0.. of x and into labelsOut. */
    public void gather(int[] order, int from, int count, Matrix x, int[] labelsOut) {
        if (inputs.isFloat32() == x.isFloat32()) {
            MatrixOps.gatherRows(inputs, order, from, count, x);
        } else { // float32 inputs for a float64 network (a gradient check), or the other way: value by value
            for (int r = 0; r < count; r++) {
                for (int c = 0; c < inputs.cols(); c++) {
                    x.set(r, c, inputs.get(order[from + r], c));
                }
            }
        }
        for (int r = 0; r < count; r++) {
            labelsOut[r] = labels[order[from + r]];
        }
    }

    /** What {@link #inChunks} hands over: a chunk's inputs (rows 0..count−1) and labels, from example {@code from} on. */
    public interface Chunk {
        void accept(Matrix x, int[] labels, int from, int count);
    }

    /**
     * Every example in order, {@code chunkSize} at a time, as rows of a matrix of the given
     * precision: how a whole set is run through a network without holding all its activations.
     * The matrix and the labels are reused from one chunk to the next.
     */
    public void inChunks(Precision precision, int chunkSize, Chunk chunk) {
        int[] order = Shuffle.identity(size());
        int[] chunkLabels = new int[chunkSize];
        Matrix x = null;
        for (int from = 0; from < size(); from += chunkSize) {
            int count = Math.min(chunkSize, size() - from);
            x = Matrix.reuse(x, precision, count, features());
            gather(order, from, count, x, chunkLabels);
            chunk.accept(x, chunkLabels, from, count);
        }
    }

    /**
     * Splits off a validation set of {@code validationSize} examples chosen at random with the given
     * seed; the rest, in their original order, are the training set.
     */
    // tag::split[]
    public Split split(int validationSize, long seed) {
        if (validationSize < 0 || validationSize >= size()) {
            throw new IllegalArgumentException("the validation size must be in 0.." + (size() - 1)
                    + " for " + size() + " examples, got " + validationSize);
        }
        int[] order = Shuffle.identity(size());
        Shuffle.inPlace(order, new SplitMix64(seed));
        int[] validation = Arrays.copyOfRange(order, 0, validationSize);
        int[] train = Arrays.copyOfRange(order, validationSize, size());
        Arrays.sort(validation);
        Arrays.sort(train);
        return new Split(subset(train), subset(validation));
    }
    // end::split[]

    /** A training set and the validation set held out of it. */
    public record Split(Examples train, Examples validation) {
    }
}
