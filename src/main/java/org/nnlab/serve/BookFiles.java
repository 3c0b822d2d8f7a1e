package org.nnlab.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The built book ({@code mvn -Pdocs generate-resources} writes it to {@code target/docs}), so that
 * each panel's title can link to its equation, e.g. {@code /book/index.html#eq-dz2}.
 *
 * <p>The book's files are listed once, at start; a request path is only looked up in that list,
 * as a string. No part of a request is ever made into a file name, so {@code ../} or
 * {@code %2e%2e} can only fail to match.
 */
final class BookFiles {
    /** The URL prefix of the book. */
    static final String PREFIX = "/book/";
    private static final int MAX_FILES = 20_000;

    private final Path directory;
    private final Map<String, Path> files;

    /** The book in {@code directory}, or no book when it is null or not built. */
    BookFiles(Path directory) {
        this.directory = directory;
        this.files = directory != null && Files.isRegularFile(directory.resolve("index.html")) ? list(directory) : Map.of();
    }

    private static Map<String, Path> list(Path directory) {
        Map<String, Path> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(Files::isRegularFile).limit(MAX_FILES).forEach(file -> {
                String relative = directory.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                files.put(PREFIX + relative, file);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(files);
    }

    boolean isBuilt() {
        return !files.isEmpty();
    }

    Path directory() {
        return directory;
    }

    /** The file listed under exactly this request path, or null. */
    Path get(String rawPath) {
        return files.get(rawPath.equals("/book/") || rawPath.equals("/book") ? PREFIX + "index.html" : rawPath);
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "woff" -> "font/woff";
            case "woff2" -> "font/woff2";
            default -> "application/octet-stream";
        };
    }
}
