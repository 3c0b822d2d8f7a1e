package org.nnlab.cli;

/** A mistake on the command line: reported in one line, exit status 2, no stack trace. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
