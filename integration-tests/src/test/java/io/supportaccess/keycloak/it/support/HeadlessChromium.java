package io.supportaccess.keycloak.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium driven through Debian's chromedriver (no browser or driver downloads). */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    public static ChromeDriver start() {
        Path binary = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        Path driver = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(binary)) {
            missing.add("chromium (no executable " + binary + ", Debian package chromium)");
        }
        if (!Files.isExecutable(driver)) {
            missing.add("chromedriver (no executable " + driver + ", Debian package chromium-driver)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The browser tests need a headless Chromium; missing: " + String.join(" and ", missing)
                    + ". Install them (.ci/run does: apt-get install chromium chromium-driver) or point -Dchromium.binary"
                    + " and -Dchromedriver.binary at them.");
        }
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(binary.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1280,1024", "--lang=en-US",
                    "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver chrome = new ChromeDriver(service, options);
            chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return chrome;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
