package org.nnlab.cli;

/**
 * One line for a failure nnlab did not foresee, without Java's class names: the first message in
 * the chain of causes, or, when none has one, what kind of failure it was in words.
 */
final class UnexpectedFailure {
    private UnexpectedFailure() {
    }

    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StackOverflowError) {
                return "the input is nested too deeply to process";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
            }
        }
        return "an internal check failed without a message";
    }
}
