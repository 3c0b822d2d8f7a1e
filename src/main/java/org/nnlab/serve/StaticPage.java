package org.nnlab.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page itself: three files (HTML, CSS, plain JavaScript) inside the jar, read once at start.
 * A request names one of them exactly; nothing else is served, so no request path ever becomes a
 * file name. No CDN, no build step: the page works without a network.
 */
final class StaticPage {
    private static final String DIRECTORY = "page/";
    /**
     * The page loads nothing but its own script, style and the API: a script injected into a
     * drawing's label or a model's name would not run, and nothing is fetched from elsewhere.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
            + "style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /** A file of the page: its bytes and content type. */
    record File(byte[] bytes, String contentType) {
    }

    private final Map<String, File> files;

    StaticPage() {
        File index = load("index.html", "text/html; charset=utf-8");
        files = Map.of(
                "/", index,
                "/index.html", index,
                "/app.js", load("app.js", "text/javascript; charset=utf-8"),
                "/style.css", load("style.css", "text/css; charset=utf-8"));
    }

    private static File load(String name, String contentType) {
        try (InputStream in = StaticPage.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("the page's " + name + " is missing from the jar; rebuild nnlab");
            }
            return new File(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file at exactly this request path, or null. */
    File get(String rawPath) {
        return files.get(rawPath);
    }
}
