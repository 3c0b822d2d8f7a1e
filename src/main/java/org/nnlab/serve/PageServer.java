package org.nnlab.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server of {@code nnlab serve}: the JDK's own {@code com.sun.net.httpserver}, a few
 * threads, and one handler that routes every request by its exact path: the page's files, the JSON
 * API ({@link PageApi}) and the built book.
 *
 * <p>Safe by default: it listens on the loopback address only unless told otherwise, and then
 * answers only requests addressed to localhost (a web page elsewhere that rebinds its own name to
 * 127.0.0.1 is refused); request bodies are limited ({@link RequestJson}); errors are one line;
 * nothing from a request becomes a file name.
 */
public final class PageServer implements AutoCloseable {
    /** Threads answering requests, as many as there are network copies to compute with. */
    static final int THREADS = ServedModel.COPIES;
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final HttpServer server;
    private final ExecutorService threads;
    private final ModelSlot slot;
    private final StaticPage page = new StaticPage();
    private final BookFiles book;
    private final boolean loopbackOnly;

    private PageServer(HttpServer server, ExecutorService threads, ModelSlot slot, BookFiles book, boolean loopbackOnly) {
        this.server = server;
        this.threads = threads;
        this.slot = slot;
        this.book = book;
        this.loopbackOnly = loopbackOnly;
    }

    /**
     * Starts serving {@code slot} on host:port (port 0: any free port).
     *
     * @param bookDirectory the built book, or null; without it the equation links say how to build it
     */
    public static PageServer start(String host, int port, ModelSlot slot, Path bookDirectory) throws IOException {
        // A client that takes longer than this to send its request is cut off, so a few slow
        // connections cannot hold every thread (read once, when the JDK's server first starts).
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "30"));
        InetAddress address = InetAddress.getByName(host);
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 50);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "nnlab-serve");
            thread.setDaemon(true);
            return thread;
        });
        PageServer pageServer = new PageServer(server, threads, slot, new BookFiles(bookDirectory), address.isLoopbackAddress());
        server.createContext("/", pageServer::handle);
        server.setExecutor(threads);
        server.start();
        return pageServer;
    }

    /** The address to open on this machine, e.g. http://127.0.0.1:8080/ (also when listening on every address). */
    public URI address() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
    }

    public boolean hasBook() {
        return book.isBuilt();
    }

    /** Stops listening, lets requests in progress finish (for up to a second), and ends the threads. */
    @Override
    public void close() {
        server.stop(1);
        threads.shutdown();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                requireLocalHostName(exchange);
                String path = exchange.getRequestURI().getRawPath();
                if (path.startsWith("/api/")) {
                    ApiRoutes.handle(exchange, path, slot);
                } else if (path.equals("/book") || path.startsWith(BookFiles.PREFIX)) {
                    serveBook(exchange, path);
                } else {
                    servePage(exchange, path);
                }
            } catch (RequestException e) {
                Responses.error(exchange, e.status(), e.getMessage());
            } catch (RuntimeException e) {
                // A bug, not the client's fault: one line for both, never a stack trace to the client.
                System.err.println("nnlab serve: internal error on " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getRawPath() + ": " + e);
                Responses.error(exchange, 500, "internal error: " + e.getClass().getSimpleName());
            }
        }
    }

    /**
     * On loopback, only requests addressed to this machine by name or address: a page on another
     * site that points its own name at 127.0.0.1 (DNS rebinding) sends its name in Host.
     */
    private void requireLocalHostName(HttpExchange exchange) {
        if (!loopbackOnly) {
            return;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        if (!LOOPBACK_NAMES.contains(name)) {
            throw new RequestException(403, "this server answers requests to localhost only, not to '" + host + "'");
        }
    }

    private static void requireMethod(HttpExchange exchange, String... allowed) {
        for (String method : allowed) {
            if (method.equals(exchange.getRequestMethod())) {
                return;
            }
        }
        exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
        throw new RequestException(405, exchange.getRequestMethod() + " is not allowed here; use " + String.join(" or ", allowed));
    }

    private void servePage(HttpExchange exchange, String path) throws IOException {
        StaticPage.File file = page.get(path);
        if (file == null) {
            throw new RequestException(404, "no such page: " + path);
        }
        requireMethod(exchange, "GET", "HEAD");
        exchange.getResponseHeaders().set("Content-Security-Policy", StaticPage.CONTENT_SECURITY_POLICY);
        Responses.send(exchange, 200, file.contentType(), file.bytes());
    }

    private void serveBook(HttpExchange exchange, String path) throws IOException {
        requireMethod(exchange, "GET", "HEAD");
        if (!book.isBuilt()) {
            String html = "<!DOCTYPE html><meta charset=utf-8><title>nnlab: the book is not built</title>"
                    + "<p>The book is not built here. In the nnlab directory, run <code>mvn -Pdocs generate-resources</code>"
                    + " (it writes <code>target/docs/index.html</code>), then start <code>nnlab serve</code> again.";
            Responses.send(exchange, 404, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
            return;
        }
        Path file = book.get(path);
        if (file == null) {
            throw new RequestException(404, "no such page in the book: " + path);
        }
        Responses.send(exchange, 200, BookFiles.contentType(file), Files.readAllBytes(file));
    }

    /** The API's paths, each answered by {@link PageApi} with the served model (or the training run). */
    private static final class ApiRoutes {
        private static final String UNIT = "/api/unit/";

        static void handle(HttpExchange exchange, String path, ModelSlot slot) throws IOException {
            switch (path) {
                case "/api/model" -> {
                    requireMethod(exchange, "GET", "HEAD");
                    ServedModel model = slot.model();
                    Responses.json(exchange, model != null ? PageApi.model(model) : java.util.Map.of("state", "training"));
                }
                case "/api/test-set" -> {
                    requireMethod(exchange, "GET", "HEAD");
                    Responses.json(exchange, PageApi.testSet(slot.require()));
                }
                case "/api/predict" -> Responses.json(exchange, PageApi.predict(slot.require(), body(exchange)));
                case "/api/backprop" -> Responses.json(exchange, PageApi.backprop(slot.require(), body(exchange)));
                case "/api/step" -> Responses.json(exchange, PageApi.step(slot.require(), body(exchange)));
                case "/api/training" -> {
                    requireMethod(exchange, "GET", "HEAD");
                    TrainingFeed feed = slot.training();
                    Responses.json(exchange, feed != null ? feed.snapshot() : java.util.Map.of("state", "none"));
                }
                case "/api/training/w1-tiles.png" -> {
                    requireMethod(exchange, "GET", "HEAD");
                    TrainingFeed feed = slot.training();
                    byte[] png = feed == null ? null : feed.tilesPng();
                    if (png == null) {
                        throw new RequestException(404, "no weights drawn yet: the first epoch has not ended");
                    }
                    Responses.send(exchange, 200, "image/png", png);
                }
                default -> {
                    if (!path.startsWith(UNIT)) {
                        throw new RequestException(404, "no such API path: " + path);
                    }
                    requireMethod(exchange, "GET", "HEAD");
                    ServedModel model = slot.require();
                    Responses.json(exchange, PageApi.unit(model, unitNumber(path.substring(UNIT.length()), model)));
                }
            }
        }

        private static RequestJson body(HttpExchange exchange) throws IOException {
            requireMethod(exchange, "POST");
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw RequestException.badRequest("Content-Length is not a number: " + length);
            }
            return RequestJson.read(exchange.getRequestBody(), declared);
        }

        private static int unitNumber(String text, ServedModel model) {
            int hidden = model.weights().spec().hidden();
            try {
                int unit = Integer.parseInt(text);
                if (unit >= 0 && unit < hidden && text.equals(Integer.toString(unit))) {
                    return unit;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new RequestException(404, "no hidden unit '" + text + "': units are numbered 0 to " + (hidden - 1));
        }
    }
}
