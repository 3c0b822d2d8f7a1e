package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.data.DataLocations;
import org.nnlab.experiment.Experiment;
import org.nnlab.persistence.ModelFile;
import org.nnlab.persistence.SavedModel;
import org.nnlab.layers.Activation;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.serve.HeadlessChromium;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Preprocessing;
import org.nnlab.preprocessing.Task;
import org.nnlab.testing.Requirements;
import org.nnlab.testing.Slow;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** nnlab serve from the command line: its flags, the default model, training live, and a clean stop on Ctrl-C. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainingFlagsWithoutTrainAndOtherMistakesAreUsageErrors() {
        assertUsage("nnlab serve: --lr is a training flag; it needs --train (see nnlab serve --help)", "serve", "--lr", "0.1");
        assertUsage("nnlab serve: --save is a training flag; it needs --train (see nnlab serve --help)", "serve", "--save", "m.npz");
        assertUsage("nnlab serve: give a MODEL to serve or --train to train one, not both", "serve", "m.npz", "--train");
        assertUsage("nnlab serve: --port must be a port number from 0 to 65535, got '65536'", "serve", "--port", "65536");
        assertUsage("nnlab serve: --hidden 0 trains no hidden layer; the page shows a two-layer network",
                "serve", "--train", "--hidden", "0", "--port", "0");
        assertUsage("nnlab serve: --task 3-vs-rest has one output; the page shows ten classes",
                "serve", "--train", "--task", "3-vs-rest", "--loss", "sigmoid-bce", "--port", "0");
    }

    private static void assertUsage(String message, String... args) {
        CommandLineTest.Run run = CommandLineTest.run(args);
        assertEquals(2, run.status(), run.err());
        assertEquals(message, run.err().strip());
    }

    @Test
    void aModelThePageCannotShowIsRefusedInOneLine() {
        NetworkSpec spec = new NetworkSpec(784, 0, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.XAVIER, 0);
        Path file = dir.resolve("flat.npz");
        ModelFile.save(file, new SavedModel(Network.create(spec, Precision.FLOAT32, new Random(1)), Task.TEN_CLASSES,
                Preprocessing.of(InputScaling.UNIT), 28, 28, null, Map.of()));
        Requirements.mnist();
        CommandLineTest.Run run = CommandLineTest.run("serve", file.toString(), "--port", "0");
        assertEquals(1, run.status(), run.err());
        assertEquals("nnlab: serve: flat.npz has no hidden layer; the page shows a two-layer network (train with --hidden H > 0)",
                withoutDataNotes(run.err()));
    }

    /**
     * What was printed, without the data loader's notes on where it looked for MNIST ("nnlab: mnist:
     * local directory ... failed", when NNLAB_DATA holds the files and the project does not).
     */
    private static String withoutDataNotes(String printed) {
        return printed.lines().filter(line -> !line.startsWith("nnlab: mnist: ")).collect(Collectors.joining("\n")).strip();
    }

    @Test
    void theDefaultModelIsReusedOnlyWhileItWasTrainedWithTrainsDefaults() throws IOException {
        Experiment defaults = ServeCommand.defaultExperiment();
        Path file = dir.resolve("default.npz");
        assertEquals("no model given, and the default model is not trained yet", ServeCommand.reusable(file, defaults).whyNot());

        ModelFile.save(file, randomModel(defaults));
        assertNull(ServeCommand.reusable(file, defaults).whyNot());
        assertNotNull(ServeCommand.reusable(file, defaults).model());

        ModelFile.save(file, randomModel(defaults.withEpochs(3)));
        assertEquals(file + " was trained with other settings than train's defaults", ServeCommand.reusable(file, defaults).whyNot());

        ModelFile.save(file, randomModel(null));
        assertEquals(file + " was trained with other settings than train's defaults", ServeCommand.reusable(file, defaults).whyNot());

        java.nio.file.Files.write(file, new byte[] {'P', 'K', 3, 4});
        assertTrue(ServeCommand.reusable(file, defaults).whyNot().startsWith(file.toString()), "a damaged file is named");
    }

    private static SavedModel randomModel(Experiment experiment) {
        NetworkSpec spec = experiment != null ? experiment.network()
                : new NetworkSpec(784, 16, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.HE, 0);
        return new SavedModel(Network.create(spec, Precision.FLOAT32, new Random(2)), Task.TEN_CLASSES,
                Preprocessing.of(InputScaling.UNIT), 28, 28, experiment, Map.of());
    }

    @Test
    void sharingOnAllAddressesWarnsThatAnyoneOnTheNetworkCanUseThePage() throws Exception {
        Requirements.mnist();
        Path model = dir.resolve("m.npz");
        ModelFile.save(model, randomModel(null));
        PrintStream err = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(print(warnings));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ServeCommand.Running running = ServeCommand.start(new String[] {model.toString(), "--host", "0.0.0.0", "--port", "0"},
                print(out))) {
            int port = running.server().address().getPort();
            assertEquals("nnlab serve: warning: listening on 0.0.0.0: anyone who can reach this machine on port " + port
                    + " can use the page and make it compute; there is no password", withoutDataNotes(warnings.toString(StandardCharsets.UTF_8)));
            // Shared, the server answers whatever name the classroom reaches it by.
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(("GET /api/model HTTP/1.1\r\nHost: classroom-pc:" + port + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 200"), response);
            }
        } finally {
            System.setErr(err);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("nnlab serve: open http://127.0.0.1:"), printed);
        assertTrue(printed.contains("nnlab serve: other machines open http://" + java.net.InetAddress.getLocalHost().getHostName() + ":"), printed);
    }

    /** The first run without a model trains the default one with train's defaults and keeps it; the next run serves it at once. */
    @Test
    @Slow
    void theDefaultModelIsTrainedOnFirstUseKeptWithTheDataAndReusedAfterwards() throws Exception {
        Requirements.mnist();
        // The model is kept under a temporary project directory; the images come from where this JVM finds them.
        DataLocations data = DataLocations.of(dir.resolve("home").toString(), null);
        Path expected = dir.resolve("home/data/models/default-mnist.npz");
        assertEquals(expected.toAbsolutePath(), ServeCommand.defaultModelPath(data));
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        try (ServeCommand.Running running = ServeCommand.start(new String[] {"--port", "0"}, print(first), data)) {
            assertNotNull(running.training(), "the default model is trained");
            running.startTraining();
            running.training().join(TimeUnit.MINUTES.toMillis(15));
            assertFalse(running.training().isAlive(), "training the default model took over 15 minutes");
            assertEquals("ready", modelState(running));
        }
        String out = first.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("the default model is not trained yet: training it now with train's defaults"), out);
        assertTrue(out.contains("epoch 10/10"), out);
        assertTrue(out.contains("saved the model to " + expected.toAbsolutePath()), out);
        assertTrue(Files.isRegularFile(expected));

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (ServeCommand.Running running = ServeCommand.start(new String[] {"--port", "0"}, print(second), data)) {
            assertNull(running.training(), "the kept model is served, not trained again");
            assertEquals("ready", modelState(running));
        }
        assertFalse(second.toString(StandardCharsets.UTF_8).contains("training"), second.toString(StandardCharsets.UTF_8));
    }

    /** With NNLAB_DATA set, the default model is kept in the shared directory, beside the shared MNIST. */
    @Test
    void theDefaultModelIsKeptBesideTheSharedDataWhenThereIsSome() {
        DataLocations shared = DataLocations.of(dir.resolve("project").toString(), dir.resolve("shared").toString());
        assertEquals(dir.resolve("shared/models/default-mnist.npz").toAbsolutePath(), ServeCommand.defaultModelPath(shared));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String modelState(ServeCommand.Running running) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(running.server().address().resolve("/api/model")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher state = Pattern.compile("\"state\": \"(\\w+)\"").matcher(body);
        assertTrue(state.find(), body);
        return state.group(1);
    }

    @Test
    @Slow
    void trainingLiveShowsTheCurvesAndTilesGrowEpochByEpochThenServesTheModel() throws Exception {
        Requirements.mnist();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path saved = dir.resolve("live.npz");
        try (ServeCommand.Running running = ServeCommand.start(new String[] {"--train", "--epochs", "2", "--hidden", "32",
                "--split", "10k/2k", "--save", saved.toString(), "--port", "0"}, print(out));
             HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver driver = chromium.driver();
            driver.get(running.server().address().toString());
            chromium.waitFor(30, "the training view", d -> d.findElement(By.id("training")).isDisplayed());
            chromium.waitFor(30, "the empty curve", d -> "0".equals(d.findElement(By.id("curve-loss")).getAttribute("data-points")));
            running.startTraining();
            List<String> pointsSeen = new ArrayList<>();
            chromium.waitFor(300, "the end of training", d -> {
                String points = d.findElement(By.id("curve-loss")).getAttribute("data-points");
                if (points != null && (pointsSeen.isEmpty() || !pointsSeen.get(pointsSeen.size() - 1).equals(points))) {
                    pointsSeen.add(points);
                }
                return "done".equals(d.findElement(By.id("training")).getAttribute("data-state"));
            });
            // The page may show "done" a poll before it draws the last epoch's point: wait for it, then add it to what was seen.
            chromium.waitFor(10, "both epochs' points", d -> "2".equals(d.findElement(By.id("curve-loss")).getAttribute("data-points")));
            if (!pointsSeen.get(pointsSeen.size() - 1).equals("2")) {
                pointsSeen.add("2");
            }
            assertEquals("0", pointsSeen.get(0), "the curve starts empty: " + pointsSeen);
            for (int i = 1; i < pointsSeen.size(); i++) {
                assertTrue(Integer.parseInt(pointsSeen.get(i)) > Integer.parseInt(pointsSeen.get(i - 1)),
                        "the curve only grows, epoch by epoch: " + pointsSeen);
            }
            assertEquals(4, driver.findElements(By.cssSelector("#curve-loss circle")).size(), "train and validation, two epochs each");
            assertEquals(2, driver.findElements(By.cssSelector("#epoch-table tbody tr")).size());
            chromium.waitFor(10, "the W1 tiles of epoch 2", d -> "2".equals(d.findElement(By.id("w1-tiles")).getAttribute("data-version"))
                    && Boolean.TRUE.equals(chromium.script("const i = document.getElementById('w1-tiles'); return i.complete && i.naturalWidth > 0")));
            assertTrue(driver.findElement(By.id("training-status")).getText().startsWith("Training finished: test accuracy"),
                    driver.findElement(By.id("training-status")).getText());
            chromium.screenshot(Path.of("target", "screenshots", "serve-training.png"));

            // The trained model is now served: the draw view works with it.
            driver.findElement(By.cssSelector(".tab[data-view=draw]")).click();
            chromium.waitFor(10, "the draw view", d -> d.findElement(By.id("draw-canvas")).isDisplayed());
            assertTrue(driver.findElement(By.id("model-line")).getText().contains("784-32-10"), driver.findElement(By.id("model-line")).getText());
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("epoch 1/2") && printed.contains("epoch 2/2"), printed);
        assertTrue(printed.contains("saved the model to " + saved), printed);
        assertTrue(Files.isRegularFile(saved));
    }

    /** Ctrl-C (SIGINT) stops the server: it says so, exits, and frees its port. */
    @Test
    @Slow
    void ctrlCStopsTheServerCleanly() throws Exception {
        Requirements.mnist();
        Requirements.envDefaultSignal();
        Path model = dir.resolve("m.npz");
        ModelFile.save(model, randomModel(null));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        // env restores SIGINT's default action: a JVM started where SIGINT is ignored (this test run
        // in the background of a non-interactive shell, as CI may be) inherits that and never sees Ctrl-C.
        Process serve = new ProcessBuilder("env", "--default-signal=INT", javaBinary.toString(), "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", model.toString(), "--port",
                Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("serve.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(dir.resolve("serve.log")).contains("nnlab serve: open http://127.0.0.1:" + port + "/")) {
                assertTrue(serve.isAlive(), Files.readString(dir.resolve("serve.log")));
                assertTrue(System.nanoTime() < deadline, "the server did not start: " + Files.readString(dir.resolve("serve.log")));
                Thread.sleep(100);
            }
            assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/api/model")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(serve.pid())).start();
            assertEquals(0, interrupt.waitFor());
            assertTrue(serve.waitFor(20, TimeUnit.SECONDS), "the server did not stop on SIGINT");
            String log = Files.readString(dir.resolve("serve.log"));
            assertTrue(log.strip().endsWith("nnlab serve: stopped"), log);
            assertFalse(log.contains("Exception"), log);
            try (ServerSocket again = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                assertEquals(port, again.getLocalPort(), "the port is free again");
            }
        } finally {
            serve.destroyForcibly();
        }
    }
}
