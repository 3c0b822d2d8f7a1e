package org.nnlab.cli;

/** A command could not do its work (data missing, training diverged): one line, exit status 1. */
public class CommandFailedException extends RuntimeException {
    public CommandFailedException(String message) {
        super(message);
    }
}
