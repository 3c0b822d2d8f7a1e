package org.nnlab.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.formats.Json;

/** The page's server over HTTP, as a browser (or anyone else) reaches it: bad requests, hostile paths, concurrency. */
class PageServerHttpTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static PageServer server;
    private static Path bookParent;

    @BeforeAll
    static void start(@TempDir Path temporary) throws IOException {
        // A "book" directory, with a secret beside it that no request may reach.
        bookParent = temporary;
        Path book = Files.createDirectories(temporary.resolve("docs"));
        Files.writeString(book.resolve("index.html"), "<h1 id=eq-dz2>the book</h1>");
        Files.writeString(temporary.resolve("secret.txt"), "SECRET-OUTSIDE-THE-BOOK");
        ModelSlot slot = new ModelSlot();
        slot.serve(SmallModels.served(32, 0, 7));
        server = PageServer.start("127.0.0.1", 0, slot, book);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static URI uri(String path) {
        return server.address().resolve(path);
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The one-line reason of an error response, checked to be one JSON field and no stack trace. */
    private static String reason(HttpResponse<String> response) {
        Object parsed = Json.parse(response.body());
        assertTrue(parsed instanceof Map<?, ?> map && map.size() == 1 && map.get("error") instanceof String, response.body());
        String reason = (String) ((Map<?, ?>) parsed).get("error");
        assertFalse(reason.contains("\n") || reason.contains("\tat ") || reason.contains("Exception"), reason);
        return reason;
    }

    @Test
    void malformedJsonIsA400WithTheReason() throws Exception {
        HttpResponse<String> response = post("/api/predict", "{\"test\": 3,");
        assertEquals(400, response.statusCode());
        assertTrue(reason(response).startsWith("malformed JSON: "), response.body());

        HttpResponse<String> notAnObject = post("/api/predict", "[1, 2]");
        assertEquals(400, notAnObject.statusCode());
        assertEquals("expected a JSON object, got an array", reason(notAnObject));

        HttpResponse<String> notUtf8 = CLIENT.send(HttpRequest.newBuilder(uri("/api/predict"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', (byte) 0xC3, '}'})).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, notUtf8.statusCode());
        assertEquals("request body is not UTF-8 text", reason(notUtf8));
    }

    @Test
    void aDeeplyNestedBodyIsRefusedBeforeItIsParsed() throws Exception {
        HttpResponse<String> response = post("/api/predict", "[".repeat(1_000_000));
        assertEquals(400, response.statusCode());
        assertEquals("JSON nested more than 4 levels deep", reason(response));
    }

    @Test
    void missingOrWrongFieldsAreNamed() throws Exception {
        assertEquals("give either 'image' (a drawing) or 'test' (a test image index), not neither",
                reason(post("/api/predict", "{}")));
        assertEquals("field 'test' must be a whole number from 0 to 99, got 100", reason(post("/api/predict", "{\"test\": 100}")));
        assertEquals("field 'label' is missing", reason(post("/api/backprop", "{\"test\": 1}")));
        assertEquals("field 'learningRate' must be a number above 0 and at most 10.0, got -1",
                reason(post("/api/step", "{\"test\": 1, \"label\": 3, \"learningRate\": -1}")));
        assertEquals("field 'image.grey' is not base64: Illegal base64 character 21",
                reason(post("/api/predict", "{\"image\": {\"width\": 2, \"height\": 2, \"grey\": \"!!!!\"}}")));
    }

    @Test
    void anImageWhoseSizeDisagreesWithItsPixelsIsA400() throws Exception {
        String grey = Base64.getEncoder().encodeToString(new byte[100]);
        HttpResponse<String> response = post("/api/predict", "{\"image\": {\"width\": 28, \"height\": 28, \"grey\": \"" + grey + "\"}}");
        assertEquals(400, response.statusCode());
        assertEquals("field 'image.grey' holds 100 grey levels; a 28×28 image needs 784", reason(response));

        HttpResponse<String> tooWide = post("/api/predict", "{\"image\": {\"width\": 5000, \"height\": 1, \"grey\": \"\"}}");
        assertEquals(400, tooWide.statusCode());
        assertEquals("field 'image.width' must be a whole number from 1 to 1024, got 5000", reason(tooWide));
    }

    @Test
    void aTenMegabyteBodyIsA413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(tenMegabytes, (byte) ' ');
        HttpResponse<String> declared = CLIENT.send(HttpRequest.newBuilder(uri("/api/predict"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(tenMegabytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, declared.statusCode());
        assertEquals("request body larger than 2 MiB", reason(declared));

        // Sent in chunks, without a Content-Length: the server stops reading at the limit.
        HttpResponse<String> chunked = CLIENT.send(HttpRequest.newBuilder(uri("/api/predict"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(tenMegabytes))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode());
    }

    /** A request sent byte for byte as written, so that no client library tidies its path first. */
    private static String raw(String path) throws IOException {
        try (Socket socket = new Socket(server.address().getHost(), server.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void dotDotPathsReachNothingOutsideThePage() throws Exception {
        assertTrue(raw("/book/index.html").startsWith("HTTP/1.1 200"), "the book itself is served");
        for (String path : List.of("/book/../secret.txt", "/book/%2e%2e/secret.txt", "/book/%2E%2E/secret.txt",
                "/book/..%2fsecret.txt", "/book/%2e%2e%2fsecret.txt", "/../secret.txt", "/%2e%2e/secret.txt",
                "/book/./../secret.txt", "/book//../secret.txt", "/app.js/../../secret.txt", "/book/../../../../etc/passwd",
                "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/api/unit/../../secret.txt", "/book/..\\secret.txt")) {
            String response = raw(path);
            assertTrue(response.startsWith("HTTP/1.1 404") || response.startsWith("HTTP/1.1 400"), path + " → " + response);
            assertFalse(response.contains("SECRET") || response.contains("root:"), path + " → " + response);
        }
    }

    @Test
    void onlyLocalhostNamesAreAnswered() throws Exception {
        try (Socket socket = new Socket(server.address().getHost(), server.address().getPort())) {
            socket.getOutputStream().write("GET /api/model HTTP/1.1\r\nHost: rebound.example:80\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 403"), response);
            assertTrue(response.contains("this server answers requests to localhost only, not to 'rebound.example:80'"), response);
        }
        assertEquals(200, get("/api/model").statusCode());
    }

    @Test
    void wrongMethodsAndUnknownPathsAreNamed() throws Exception {
        HttpResponse<String> getPredict = get("/api/predict");
        assertEquals(405, getPredict.statusCode());
        assertEquals("GET is not allowed here; use POST", reason(getPredict));
        assertEquals(405, post("/", "{}").statusCode());
        assertEquals(404, get("/api/nothing").statusCode());
        assertEquals("no hidden unit '32': units are numbered 0 to 31", reason(get("/api/unit/32")));
        assertEquals("no hidden unit '07': units are numbered 0 to 31", reason(get("/api/unit/07")));
        assertEquals(404, get("/secret.txt").statusCode());
    }

    @Test
    void thePageItsScriptAndStyleAreServedWithAPolicyThatLoadsNothingFromElsewhere() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"/app.js\""), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'self'"));
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "the page refers to no other site");
        assertEquals(200, get("/app.js").statusCode());
        assertEquals(200, get("/style.css").statusCode());
        assertFalse(get("/app.js").body().contains("https://"), "the script fetches from no other site");
    }

    private static String drawing(int seed) {
        byte[] grey = new byte[60 * 40];
        java.util.Random random = new java.util.Random(seed);
        java.util.Arrays.fill(grey, (byte) 255);
        int x = 5 + random.nextInt(20);
        for (int y = 5; y < 35; y++) {
            for (int dx = 0; dx < 4; dx++) {
                grey[y * 60 + x + dx + y / 4] = 0;
            }
        }
        return "{\"image\": {\"width\": 60, \"height\": 40, \"grey\": \"" + Base64.getEncoder().encodeToString(grey) + "\"}}";
    }

    @Test
    void fiftyConcurrentPredictionsGiveTheAnswersOfFiftySequentialOnes() throws Exception {
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            requests.add(i % 2 == 0 ? "{\"test\": " + i + "}" : drawing(i));
        }
        List<String> sequential = new ArrayList<>();
        for (String request : requests) {
            HttpResponse<String> response = post("/api/predict", request);
            assertEquals(200, response.statusCode(), response.body());
            sequential.add(response.body());
        }
        // All fifty at once (and SGD steps in between, which change a network copy and put it back).
        ExecutorService threads = Executors.newFixedThreadPool(60);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> concurrent = new ArrayList<>();
            for (String request : requests) {
                concurrent.add(threads.submit(() -> {
                    go.await();
                    return post("/api/predict", request).body();
                }));
            }
            List<Future<Integer>> steps = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int test = i;
                steps.add(threads.submit(() -> {
                    go.await();
                    return post("/api/step", "{\"test\": " + test + ", \"label\": 3, \"learningRate\": 5}").statusCode();
                }));
            }
            go.countDown();
            for (int i = 0; i < requests.size(); i++) {
                assertEquals(sequential.get(i), concurrent.get(i).get(), "request " + i + ": " + requests.get(i));
            }
            for (Future<Integer> step : steps) {
                assertEquals(200, step.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(sequential.get(0), post("/api/predict", requests.get(0)).body(), "the served model is as it was");
    }

    @Test
    void theContributionsOfTheTopUnitsAddUpWithTheRestToTheScore() throws Exception {
        Map<?, ?> answer = (Map<?, ?>) Json.parse(post("/api/predict", "{\"test\": 11}").body());
        Map<?, ?> contributions = (Map<?, ?>) answer.get("contributions");
        int c = ((Number) contributions.get("class")).intValue();
        assertEquals(((Number) answer.get("predicted")).intValue(), c);
        List<?> a1 = (List<?>) answer.get("a1");
        Map<?, ?> unit = (Map<?, ?>) Json.parse(get("/api/unit/" + ((Map<?, ?>) ((List<?>) contributions.get("units")).get(0)).get("unit")).body());
        double first = ((Number) ((Map<?, ?>) ((List<?>) contributions.get("units")).get(0)).get("contribution")).doubleValue();
        int j = ((Number) unit.get("unit")).intValue();
        double expected = ((Number) a1.get(j)).doubleValue() * ((Number) ((List<?>) unit.get("w2")).get(c)).doubleValue();
        assertEquals(expected, first, 1e-6 * Math.max(1, Math.abs(expected)));
        // No unit outside the top list contributes more than the last one in it.
        List<?> units = (List<?>) contributions.get("units");
        double smallestShown = ((Number) ((Map<?, ?>) units.get(units.size() - 1)).get("contribution")).doubleValue();
        for (int k = 0; k < a1.size(); k++) {
            double w = ((Number) ((List<?>) ((Map<?, ?>) Json.parse(get("/api/unit/" + k).body())).get("w2")).get(c)).doubleValue();
            double term = ((Number) a1.get(k)).doubleValue() * w;
            int unitK = k;
            boolean shown = units.stream().anyMatch(u -> ((Number) ((Map<?, ?>) u).get("unit")).intValue() == unitK);
            assertTrue(shown || term <= smallestShown + 1e-6, "unit " + k + " gives " + term + " but is not shown");
        }
    }

    @Test
    void withoutAModelTheApiSaysTrainingIsUnderWay() throws Exception {
        ModelSlot empty = new ModelSlot();
        empty.showTraining(new TrainingFeed("784-32-10", 3));
        try (PageServer training = PageServer.start("127.0.0.1", 0, empty, null)) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(training.address().resolve("/api/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"test\": 0}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, response.statusCode());
            assertEquals("the model is still training; the page shows it as soon as training ends", reason(response));
            HttpResponse<String> book = CLIENT.send(HttpRequest.newBuilder(training.address().resolve("/book/index.html")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, book.statusCode());
            assertTrue(book.body().contains("mvn -Pdocs generate-resources"), book.body());
        }
    }
}
