package org.nnlab.cli;

import java.nio.file.Path;
import org.nnlab.data.LabeledImages;
import org.nnlab.persistence.ModelFile;
import org.nnlab.formats.FileFormatException;
import org.nnlab.persistence.SavedModel;

/** Loads the model file a command was given; a bad file is a one-line failure naming it. */
final class ModelArgument {
    private ModelArgument() {
    }

    static SavedModel load(String path) {
        try {
            return ModelFile.load(Path.of(path));
        } catch (FileFormatException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }

    /** The dataset to score a model on: the --dataset flag when given, else the one the model was trained on, else MNIST. */
    static String datasetName(SavedModel model, String datasetFlag) {
        return datasetFlag != null ? datasetFlag
                : model.experiment() != null ? model.experiment().dataset() : "mnist";
    }

    /** Why the model cannot read these images ("m.npz expects 4×4 images, mnist has 28×28"), or null when it can. */
    static String sizeMismatch(String modelPath, SavedModel model, String dataset, LabeledImages images) {
        if (images.rows() == model.imageRows() && images.cols() == model.imageCols()) {
            return null;
        }
        return modelPath + " expects " + model.imageRows() + "×" + model.imageCols() + " images, " + dataset + " has "
                + images.rows() + "×" + images.cols();
    }

    /** "784-512-10 relu, softmax-ce; task digits; unit inputs", for the first line of a command's output. */
    static String describe(SavedModel model) {
        return model.network().spec().describe() + "; task " + model.task().spec() + "; "
                + model.preprocessing().scaling().cliName() + " inputs";
    }
}
