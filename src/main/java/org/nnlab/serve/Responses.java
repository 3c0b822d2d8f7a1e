package org.nnlab.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.nnlab.formats.Json;

/** Writes responses: JSON answers, one-line errors, and files, each with headers that keep the browser from guessing. */
final class Responses {
    private Responses() {
    }

    static void json(HttpExchange exchange, Object value) throws IOException {
        send(exchange, 200, "application/json; charset=utf-8", Json.write(value).getBytes(StandardCharsets.UTF_8));
    }

    /** An error as {"error": "one line"}: the reason, never a stack trace. */
    static void error(HttpExchange exchange, int status, String reason) throws IOException {
        String line = reason.replace('\n', ' ');
        send(exchange, status, "application/json; charset=utf-8",
                Json.write(Map.of("error", line)).getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Cache-Control", "no-store");
        headers.set("Referrer-Policy", "no-referrer");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
