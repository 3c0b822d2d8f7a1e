package org.nnlab.formats;

/** A model or checkpoint file cannot be read or written; the message names the file and what is wrong. */
public class ModelFileException extends RuntimeException {
    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
