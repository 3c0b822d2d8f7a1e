package org.nnlab.images;

/** A picture that cannot be read or written; the message names the file and says why, in one line. */
public final class ImageFileException extends RuntimeException {
    public ImageFileException(String message) {
        super(message);
    }
}
