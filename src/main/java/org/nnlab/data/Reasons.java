package org.nnlab.data;

import java.util.ArrayList;
import java.util.List;

/** Turns an exception into the one-line reason shown after "failed:". */
final class Reasons {
    private Reasons() {
    }

    /**
     * The first message in the cause chain, or, when nobody wrote one (the HTTP client's
     * {@code ConnectException} often has none), the chain of exception class names.
     */
    static String oneLine(Throwable failure) {
        List<String> names = new ArrayList<>();
        for (Throwable t = failure; t != null && names.size() < 5; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
            }
            names.add(t.getClass().getSimpleName());
        }
        return String.join(": ", names);
    }
}
