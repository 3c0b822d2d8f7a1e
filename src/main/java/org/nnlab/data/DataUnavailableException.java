package org.nnlab.data;

/** Every source of a dataset failed; the message lists them and says how to place the files by hand. */
public class DataUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataUnavailableException(String message) {
        super(message);
    }
}
