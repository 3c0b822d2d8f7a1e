package org.nnlab.formats;

/**
 * A file cannot be read as its format says (a damaged .npz, a model file with the wrong arrays, an
 * image ImageIO cannot read), or cannot be written; the message names the file and what is wrong,
 * in one line for the user.
 */
public class FileFormatException extends RuntimeException {
    /** @param message one line naming the file and what is wrong */
    public FileFormatException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file and what is wrong
     * @param cause   the failure underneath
     */
    public FileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
