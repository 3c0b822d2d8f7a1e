package org.nnlab.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.ZipException;
import org.nnlab.formats.AtomicFiles;

/**
 * A web server that serves the four files as {@code <base><name>.gz}. Each file is downloaded to a
 * temporary file in the install directory, decompressed, verified and only then renamed into place,
 * so a broken connection or a corrupted mirror leaves nothing behind.
 */
final class MirrorSource implements DataSource {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // Generous: on a slow line the 9.9 MB training images take a while, and a timeout that fires
    // during a healthy download is worse than a slow failure.
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final URI base;
    private final Installer installer;
    private final HttpClient client;
    private final Consumer<String> log;

    MirrorSource(URI base, Installer installer, HttpClient client, Consumer<String> log) {
        // URI.resolve replaces the last path segment unless the base ends in a slash.
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.installer = installer;
        this.client = client;
        this.log = log;
    }

    /** The client every mirror shares: follows redirects (mirrors move), gives up connecting after 10 s. */
    static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    @Override
    public String describe() {
        return base.toString();
    }

    @Override
    public Map<String, Path> provide() throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String name : Dataset.FILE_NAMES) {
            // A file an earlier, partly successful attempt installed need not be downloaded again.
            Optional<Path> installed = installer.verifiedFile(name);
            files.put(name, installed.isPresent() ? installed.get() : fetch(name));
        }
        return files;
    }

    private Path fetch(String name) throws IOException {
        URI uri = base.resolve(name + ".gz");
        log.accept("nnlab: " + installer.dataset().directoryName() + ": downloading " + uri);
        Path download = installer.newTempFile(name + ".gz");
        try {
            get(uri, download);
            try (InputStream uncompressed = Gzip.openUncompressed(download)) {
                return installer.install(name, uncompressed, uri.toString());
            } catch (ZipException | EOFException e) {
                throw new IOException(uri + ": " + Gzip.damage(e), e);
            }
        } finally {
            AtomicFiles.discard(download);
        }
    }

    private void get(URI uri, Path target) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        // Only a 200 response body is written to the file; an error page is discarded.
        HttpResponse.BodyHandler<Void> handler = response -> response.statusCode() == 200
                ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofFile(target), path -> null)
                : HttpResponse.BodySubscribers.discarding();
        HttpResponse<Void> response;
        try {
            response = client.send(request, handler);
        } catch (ConnectException e) {
            throw new IOException(connectionProblem(uri, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading " + uri);
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " for " + uri);
        }
    }

    /**
     * The HTTP client reports connection failures as message-less exceptions whose cause names the
     * problem; this puts the common ones into words.
     */
    private static String connectionProblem(URI uri, ConnectException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host " + uri.getHost() + " (no network, or no DNS)";
            }
            if (t.getMessage() != null) {
                return "cannot connect to " + uri.getAuthority() + ": " + t.getMessage();
            }
        }
        return "cannot connect to " + uri.getAuthority() + ": connection refused";
    }
}
