package io.supportaccess.keycloak.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a browser test saw when a wait ran out: the page, a screenshot and the recorded console errors
 * saved under target/chromium, and the address, the visible text and the errors said in the failure
 * itself, so that a run whose target directory is gone (a CI clone) still tells what the browser showed.
 */
public final class BrowserDiagnostics {

    private static final int TEXT_LIMIT = 1500;

    private BrowserDiagnostics() {
    }

    /** Runs a wait; when it times out, the failure names what was awaited and what the browser showed instead. */
    public static <T> T await(ChromeDriver chrome, String prefix, String awaited, Supplier<T> wait) {
        try {
            return wait.get();
        } catch (TimeoutException e) {
            throw failure(chrome, prefix, awaited, e);
        }
    }

    public static AssertionError failure(ChromeDriver chrome, String prefix, String awaited, Throwable cause) {
        String saved = save(chrome, prefix);
        return new AssertionError("waited in vain for " + awaited + "; the browser is at " + safe(chrome::getCurrentUrl)
                + "\n--- visible text ---\n" + visibleText(chrome)
                + "\n--- recorded console errors ---\n" + safe(() -> String.valueOf(chrome.executeScript("return window.__supportAccessErrors;")))
                + "\n--- saved as " + saved, cause);
    }

    private static String visibleText(ChromeDriver chrome) {
        String text = safe(() -> chrome.findElement(By.tagName("body")).getText());
        return text.length() > TEXT_LIMIT ? text.substring(0, TEXT_LIMIT) + " [...]" : text;
    }

    private static String save(ChromeDriver chrome, String prefix) {
        try {
            Path dir = Path.of("target", "chromium");
            Files.createDirectories(dir);
            Path base = dir.resolve(prefix + "-failure-" + System.currentTimeMillis());
            Files.writeString(Path.of(base + ".html"), chrome.getCurrentUrl() + "\n" + chrome.getPageSource());
            Files.write(Path.of(base + ".png"), chrome.getScreenshotAs(OutputType.BYTES));
            return base + ".{html,png}";
        } catch (Exception e) {
            return "(not saved: " + e + ")";
        }
    }

    private static String safe(Supplier<String> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }
}
