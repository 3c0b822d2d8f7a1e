package org.nnlab.serve;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.nnlab.testing.Requirements;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver by Selenium: a real browser
 * for the page's tests. Without them a test is skipped on a developer's machine, and fails under
 * CI ({@code CI=true}), where .ci/run installs them ({@link Requirements#chromium}).
 */
public final class HeadlessChromium implements AutoCloseable {
    /** Kept, so that the setting holds: Selenium warns on every start that it has no DevTools for this Chromium, which its WebDriver use never needs. */
    private static final java.util.logging.Logger DEVTOOLS_LOG = quiet("org.openqa.selenium.devtools");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A new browser with a fresh profile, its window 1280×1200 so that screenshots look alike. */
    public static HeadlessChromium start() {
        Requirements.Chromium chromium = Requirements.chromium();
        try {
            Path profile = Files.createTempDirectory("nnlab-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.browser().toFile());
            // Without the networking flags Chromium keeps trying to reach the internet.
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                    "--window-size=1280,1200", "--disable-dev-shm-usage");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromium.driver().toFile())
                    .usingAnyFreePort()
                    .build();
            return new HeadlessChromium(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Waits up to {@code seconds} for the condition to hold (to be neither null nor false), checking
     * every 50 ms; fails naming {@code what} when it does not.
     */
    public <T> T waitFor(int seconds, String what, Function<WebDriver, T> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = condition.apply(driver);
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e; // e.g. the element is not there yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("waited " + seconds + " s for " + what + (last == null ? "" : "; last: " + last.getMessage()));
    }

    /** A screenshot of the window, written to {@code file}. */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A screenshot of the whole page, however long: the window is made as tall as the page for it, then put back. */
    public void screenshotWholePage(Path file) {
        org.openqa.selenium.Dimension size = driver.manage().window().getSize();
        long viewport = ((Number) script("return window.innerHeight")).longValue();
        long page = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), (int) (size.getHeight() - viewport + page)));
        try {
            screenshot(file);
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    public Object script(String javascript, Object... arguments) {
        return driver.executeScript(javascript, arguments);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile.toFile());
        }
    }

    private static void deleteQuietly(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteQuietly(child);
            }
        }
        file.delete();
    }
}
