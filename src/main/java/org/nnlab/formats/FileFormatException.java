package org.nnlab.formats;

/**
 * A file cannot be read as its format says (a damaged .npz, a model file with the wrong arrays, an
 * image ImageIO cannot read), or cannot be written; the message names the file and what is wrong,
 * in one line for the user.
 */
public class FileFormatException extends RuntimeException {
    /** @param message one line naming the file and what is wrong */
    public FileFormatException(String message) {
        super(printable(message));
    }

    /**
     * @param message one line naming the file and what is wrong
     * @param cause   the failure underneath
     */
    public FileFormatException(String message, Throwable cause) {
        super(printable(message), cause);
    }

    /**
     * {@code text} with its control characters written as escapes ({@code \n}, {@code \u0000}): a
     * message that quotes a damaged file's bytes stays one line, and cannot move the terminal's cursor.
     */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x85) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
