package org.nnlab.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nnlab.images.MnistFixture;
import org.nnlab.formats.Json;
import org.nnlab.testing.Requirements;
import org.nnlab.testing.Slow;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;

/**
 * The page in a real browser (headless Chromium), with a network trained on MNIST: strokes drawn
 * with pointer actions are classified, a hidden unit's weights show on hover, the backprop view of a
 * test image fills every panel with the server's numbers. Screenshots go to target/screenshots.
 */
@Slow
class PageBrowserTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static PageServer server;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws IOException {
        ModelSlot slot = new ModelSlot();
        slot.serve(ServedModel.of(MnistFixture.trainedModel(), "a 784-128-10 network (2 epochs)", Requirements.mnist().test(),
                "mnist test set"));
        server = PageServer.start("127.0.0.1", 0, slot, null);
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private WebDriver driver() {
        return chromium.driver();
    }

    @BeforeEach
    void openThePage() {
        driver().get(server.address().toString());
        chromium.waitFor(20, "the model line", d -> d.findElement(By.id("model-line")).getText().contains("784-128-10"));
    }

    private WebElement element(String id) {
        return driver().findElement(By.id(id));
    }

    private String topClassAfterDrawing() {
        // The answer follows the last stroke: wait until no request is on its way and the class is shown.
        return chromium.waitFor(20, "a prediction", d -> {
            String shown = d.findElement(By.id("top-class")).getText();
            Object busy = chromium.script("return document.getElementById('preparation').textContent.startsWith('drawing:')");
            return Boolean.TRUE.equals(busy) && !shown.equals("–") ? shown : null;
        });
    }

    @Test
    void aVerticalStrokeDrawnWithTheMouseIsAOne() {
        WebElement canvas = element("draw-canvas");
        Actions stroke = new Actions(driver()).moveToElement(canvas, 0, -95).clickAndHold();
        for (int step = 0; step < 19; step++) {
            stroke.moveByOffset(0, 10);
        }
        stroke.release().perform();
        assertEquals("1", topClassAfterDrawing());
        assertTrue(element("preparation").getText().contains("scaled to"), element("preparation").getText());
    }

    @Test
    void aVerticalStrokeDrawnWithAFingerIsAOne() {
        drawWith(PointerInput.Kind.TOUCH, line(0, -95, 0, 95, 20));
        assertEquals("1", topClassAfterDrawing());
    }

    @Test
    void aLoopDrawnWithAPenIsAZeroAndItsHiddenUnitsShowTheirWeights() throws Exception {
        List<int[]> loop = new ArrayList<>();
        for (int k = 0; k <= 40; k++) {
            double angle = 2 * Math.PI * k / 40;
            loop.add(new int[] {(int) Math.round(60 * Math.sin(angle)), (int) Math.round(-90 * Math.cos(angle))});
        }
        drawWith(PointerInput.Kind.PEN, loop);
        assertEquals("0", topClassAfterDrawing());
        chromium.screenshot(SCREENSHOTS.resolve("serve-draw.png"));

        // Point at a unit of the hidden grid: its weights, W1 as 28×28 and its row of W2, appear. (The
        // grid is scrolled into view whole first: WebDriver's offsets count from the centre of the visible part.)
        WebElement grid = element("hidden-grid");
        chromium.script("arguments[0].scrollIntoView({block: 'center'})", grid);
        new Actions(driver()).moveToElement(grid, -grid.getSize().width / 2 + 5, -grid.getSize().height / 2 + 5).perform();
        String unit = chromium.waitFor(10, "the unit panel", d -> d.findElement(By.id("unit-panel")).getAttribute("data-unit"));
        assertEquals("0", unit, "the unit in the grid's top left corner");
        Map<?, ?> weights = (Map<?, ?>) Json.parse(get("/api/unit/0"));
        List<WebElement> bars = element("unit-w2").findElements(By.className("bar-row"));
        assertEquals(10, bars.size());
        for (int c = 0; c < 10; c++) {
            assertEquals(((Number) ((List<?>) weights.get("w2")).get(c)).doubleValue(), Double.parseDouble(bars.get(c).getAttribute("data-value")),
                    1e-12, "W2[0][" + c + "] as the page shows it");
        }
        assertEquals(8, element("contributions").findElements(By.className("card")).size(), "the units behind the 0");
        chromium.script("document.getElementById('inside').scrollIntoView()");
        chromium.screenshot(SCREENSHOTS.resolve("serve-hidden.png"));
    }

    @Test
    void theBackpropViewOfATestImageFillsEveryPanelWithTheServersNumbers() throws Exception {
        element("draw-canvas"); // the page is up
        driver().findElement(By.cssSelector(".tab[data-view=test]")).click();
        WebElement index = element("test-index");
        index.clear();
        index.sendKeys("8\n");
        chromium.waitFor(20, "test image 8", d -> d.findElement(By.id("test-info")).getText().startsWith("label 5"));
        driver().findElement(By.cssSelector(".tab[data-view=backprop]")).click();
        for (String panel : List.of("panel-dz2", "panel-dw2", "panel-da1", "panel-dz1", "panel-dw1")) {
            chromium.waitFor(20, panel + " filled", d -> "true".equals(d.findElement(By.id(panel)).getAttribute("data-filled")));
        }
        Map<?, ?> expected = (Map<?, ?>) Json.parse(post("/api/backprop", "{\"test\": 8, \"label\": 5}"));
        List<WebElement> dz2 = element("panel-dz2").findElements(By.className("bar-row"));
        assertEquals(10, dz2.size());
        double sum = 0;
        for (int c = 0; c < 10; c++) {
            double shown = Double.parseDouble(dz2.get(c).getAttribute("data-value"));
            assertEquals(((Number) ((List<?>) expected.get("dZ2")).get(c)).doubleValue(), shown, 1e-12, "dZ2[" + c + "]");
            sum += shown;
        }
        assertEquals(0, sum, 1e-5, "P − Y sums to 0");
        assertEquals(String.format("%.4f", ((Number) expected.get("loss")).doubleValue()), element("loss").getText());
        int dw1Cards = element("panel-dw1").findElements(By.className("card")).size();
        assertEquals(((List<?>) ((Map<?, ?>) expected.get("dW1")).get("units")).size(), dw1Cards);
        assertTrue(dw1Cards > 0, "some hidden unit passes a gradient");
        assertTrue(driver().findElement(By.cssSelector("#backprop h2 a[href='/book/index.html#eq-dw1']")).isDisplayed());

        element("step-button").click();
        chromium.waitFor(20, "the SGD step", d -> "true".equals(d.findElement(By.id("step-result")).getAttribute("data-filled")));
        String loss = element("step-loss").getText();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("loss ([0-9.e+-]+) → ([0-9.e+-]+)").matcher(loss);
        assertTrue(m.find(), loss);
        assertTrue(Double.parseDouble(m.group(2)) < Double.parseDouble(m.group(1)), "one step on its own label lowers the loss: " + loss);
        chromium.screenshotWholePage(SCREENSHOTS.resolve("serve-backprop.png"));
    }

    @Test
    void theTestBrowserStepsThroughOnlyTheMistakesWhenAsked() throws Exception {
        List<?> mistakes = (List<?>) ((Map<?, ?>) Json.parse(get("/api/test-set"))).get("mistakes");
        assertTrue(mistakes.size() >= 3, "the network makes mistakes: " + mistakes.size());
        driver().findElement(By.cssSelector(".tab[data-view=test]")).click();
        chromium.waitFor(20, "test image 0", d -> d.findElement(By.id("test-info")).getText().startsWith("label 7"));
        element("only-mistakes").click();
        int first = ((Number) mistakes.get(0)).intValue();
        chromium.waitFor(20, "the first mistake", d -> d.findElement(By.id("test-index")).getAttribute("value").equals(Integer.toString(first)));
        element("test-next").click();
        int second = ((Number) mistakes.get(1)).intValue();
        chromium.waitFor(20, "the second mistake", d -> d.findElement(By.id("test-index")).getAttribute("value").equals(Integer.toString(second))
                && d.findElement(By.id("test-info")).getText().contains("(mistake 2 of " + mistakes.size() + ")"));
        String info = element("test-info").getText();
        Matcher labels = Pattern.compile("label (\\d), predicted (\\d) ✗").matcher(info);
        assertTrue(labels.find() && !labels.group(1).equals(labels.group(2)), info);
        element("test-prev").click();
        chromium.waitFor(20, "back to the first mistake", d -> d.findElement(By.id("test-index")).getAttribute("value").equals(Integer.toString(first)));
        // The hidden layer and the contributions follow the test image as they follow a drawing.
        assertEquals(8, element("contributions").findElements(By.className("card")).size());

        // Backprop with another label than the true one: dZ2 is P − Y for that label.
        driver().findElement(By.cssSelector(".tab[data-view=backprop]")).click();
        chromium.waitFor(20, "dZ2", d -> "true".equals(d.findElement(By.id("panel-dz2")).getAttribute("data-filled")));
        driver().findElement(By.cssSelector("#label-picker button[data-label='3']")).click();
        Map<?, ?> expected = (Map<?, ?>) Json.parse(post("/api/backprop", "{\"test\": " + first + ", \"label\": 3}"));
        chromium.waitFor(20, "dZ2 for label 3", d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#panel-dz2 .bar-row"));
            return rows.size() == 10 && Double.parseDouble(rows.get(3).getAttribute("data-value"))
                    == ((Number) ((List<?>) expected.get("dZ2")).get(3)).doubleValue();
        });
    }

    private void drawWith(PointerInput.Kind kind, List<int[]> points) {
        WebElement canvas = element("draw-canvas");
        PointerInput pointer = new PointerInput(kind, kind.name().toLowerCase());
        Sequence stroke = new Sequence(pointer, 0);
        int[] first = points.get(0);
        stroke.addAction(pointer.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(canvas), first[0], first[1]));
        stroke.addAction(pointer.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        for (int[] p : points.subList(1, points.size())) {
            stroke.addAction(pointer.createPointerMove(Duration.ofMillis(15), PointerInput.Origin.fromElement(canvas), p[0], p[1]));
        }
        stroke.addAction(pointer.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        ((org.openqa.selenium.interactions.Interactive) driver()).perform(List.of(stroke));
    }

    private static List<int[]> line(int x0, int y0, int x1, int y1, int steps) {
        List<int[]> points = new ArrayList<>();
        for (int k = 0; k <= steps; k++) {
            points.add(new int[] {x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps});
        }
        return points;
    }

    private static String get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.address().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String post(String path, String body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.address().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
