package org.nnlab.serve;

import org.nnlab.data.LabeledImages;
import org.nnlab.images.MnistStylePreprocessing;
import org.nnlab.persistence.SavedModel;
import org.nnlab.matrix.Matrix;
import org.nnlab.model.Network;
import org.nnlab.preprocessing.Examples;
import org.nnlab.evaluation.Predictions;
import org.nnlab.preprocessing.Task;

/**
 * The model the page shows, with the test set of its dataset and its predictions there. Every
 * computation runs on a copy of the network of its own ({@link NetworkCopies}), so requests can
 * run at the same time.
 */
public final class ServedModel {
    /** How many requests can compute at once; more wait for a copy. */
    static final int COPIES = 4;

    private final SavedModel model;
    private final String name;
    private final LabeledImages testImages;
    private final String testSetName;
    private final int[] testPredictions;
    private final NetworkCopies copies;

    private ServedModel(SavedModel model, String name, LabeledImages testImages, String testSetName) {
        this.model = model;
        this.name = name;
        this.testImages = testImages;
        this.testSetName = testSetName;
        this.copies = new NetworkCopies(model.network(), COPIES);
        Examples test = Examples.from(testImages, model.preprocessing(), Task.TEN_CLASSES);
        this.testPredictions = copies.use(network -> Predictions.of(network, test).classes());
    }

    /**
     * A model ready to serve, or an IllegalArgumentException saying why the page cannot show it:
     * the page is about the two-layer network for ten digits on MNIST-sized images.
     *
     * @param name        what the page calls the model, e.g. its file name
     * @param testImages  the test set of the model's dataset, for the test-set browser
     * @param testSetName e.g. "mnist test set"
     */
    public static ServedModel of(SavedModel model, String name, LabeledImages testImages, String testSetName) {
        Network network = model.network();
        if (!network.spec().hasHiddenLayer()) {
            throw new IllegalArgumentException(name + " has no hidden layer; the page shows a two-layer network (train with --hidden H > 0)");
        }
        if (model.task().isBinary()) {
            throw new IllegalArgumentException(name + " answers " + model.task().spec() + "; the page shows a ten-class network");
        }
        int side = MnistStylePreprocessing.SIDE;
        if (model.imageRows() != side || model.imageCols() != side || testImages.rows() != side || testImages.cols() != side) {
            throw new IllegalArgumentException(name + " expects " + model.imageRows() + "×" + model.imageCols()
                    + " images; the page prepares drawings as MNIST's 28×28");
        }
        return new ServedModel(model, name, testImages, testSetName);
    }

    /** The network's input row for one 28×28 image of grey levels, scaled as the model was trained. */
    Matrix input(byte[] pixels) {
        LabeledImages one = new LabeledImages(1, MnistStylePreprocessing.SIDE, MnistStylePreprocessing.SIDE, pixels, new byte[] {0});
        return Examples.from(one, model.preprocessing(), Task.TEN_CLASSES).inputs();
    }

    ForwardPass forward(byte[] pixels) {
        Matrix x = input(pixels);
        return copies.use(network -> ForwardPass.of(network, x));
    }

    BackwardPass backward(byte[] pixels, int label) {
        Matrix x = input(pixels);
        return copies.use(network -> BackwardPass.of(network, x, label));
    }

    SgdStep step(byte[] pixels, int label, double learningRate) {
        Matrix x = input(pixels);
        return copies.useAndRestore(network -> SgdStep.apply(network, x, label, learningRate));
    }

    /** The model's parameters, read only: nothing ever changes or runs the original network. */
    Network weights() {
        return model.network();
    }

    SavedModel saved() {
        return model;
    }

    String name() {
        return name;
    }

    LabeledImages testImages() {
        return testImages;
    }

    String testSetName() {
        return testSetName;
    }

    /** The predicted class of every test image, in order. */
    int[] testPredictions() {
        return testPredictions.clone();
    }

    /** Test image {@code index}'s pixels. */
    byte[] testImage(int index) {
        int size = testImages.pixelsPerImage();
        byte[] pixels = new byte[size];
        System.arraycopy(testImages.pixels(), index * size, pixels, 0, size);
        return pixels;
    }
}
