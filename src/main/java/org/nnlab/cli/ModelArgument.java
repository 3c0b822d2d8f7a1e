package org.nnlab.cli;

import java.nio.file.Path;
import org.nnlab.io.ModelFile;
import org.nnlab.io.ModelFileException;
import org.nnlab.io.SavedModel;

/** Loads the model file a command was given; a bad file is a one-line failure naming it. */
final class ModelArgument {
    private ModelArgument() {
    }

    static SavedModel load(String path) {
        try {
            return ModelFile.load(Path.of(path));
        } catch (ModelFileException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }

    /** "784-512-10 relu, softmax-ce; task digits; unit inputs", for the first line of a command's output. */
    static String describe(SavedModel model) {
        return model.network().spec().describe() + "; task " + model.task().spec() + "; "
                + model.preprocessing().scaling().cliName() + " inputs";
    }
}
