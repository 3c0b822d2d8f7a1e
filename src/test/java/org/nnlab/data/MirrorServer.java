package org.nnlab.data;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A local HTTP server on 127.0.0.1 and a free port, serving byte arrays by path; anything else is a 404. */
final class MirrorServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    MirrorServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            try (exchange) {
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        });
        server.start();
    }

    /** Serves {@code body} at {@code path}, e.g. "/good/train-images-idx3-ubyte.gz". */
    void serve(String path, byte[] body) {
        files.put(path, body);
    }

    /** The base URL of a directory on this server, e.g. "http://127.0.0.1:41234/good/". */
    URI base(String directory) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + directory + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
