package io.temponest.approval.page;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.temponest.approval.ApprovalIntegrationTest;
import io.temponest.approval.Fixtures;
import io.temponest.approval.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person in headless Chromium (Debian's {@code /usr/bin/chromium} driven by
 * {@code /usr/bin/chromedriver}): signs in, sees the pending list, opens a request,
 * approves it and sees it leave the list; a cross-site form post carrying the session
 * cookie but no CSRF token is refused. Skipped only where Chromium is not installed.
 */
@ApprovalIntegrationTest
class BrowserIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	private WebDriver browser;

	private ChromeDriverService driverService;

	@BeforeEach
	void startBrowser() {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
		this.driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
					"--window-size=1280,900");
		this.browser = new ChromeDriver(this.driverService, options);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.driverService != null) {
			this.driverService.stop();
		}
	}

	@Test
	void personWhenSignedInThenApprovesARequestAndItLeavesTheList() throws Exception {
		ApiCaller requester = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String first = Fixtures.create(this.mvc, requester, "medium");
		String second = Fixtures.create(this.mvc, requester, "high");
		SignIn person = SignIn.person(requester.tenantId(), TestEnvironment.ALL_PERMISSIONS);
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));

		this.browser.get(base() + "/");
		wait.until(ExpectedConditions.urlToBe(base() + "/login"));
		this.browser.findElement(By.id("email")).sendKeys(person.email());
		this.browser.findElement(By.id("password")).sendKeys(person.password());
		this.browser.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.urlToBe(base() + "/"));

		assertThat(this.browser.findElement(By.id("pending-count")).getText()).isEqualTo("2");
		assertThat(items()).containsExactly(second, first);
		Cookie session = this.browser.manage().getCookieNamed(SessionCookie.NAME);
		assertThat(session.isHttpOnly()).isTrue();
		assertThat(session.getSameSite()).isEqualTo("Strict");

		this.browser.findElement(By.cssSelector("li[data-id='" + second + "'] a.review")).click();
		wait.until(ExpectedConditions.urlToBe(base() + "/approval/" + second));
		assertThat(this.browser.findElement(By.id("task")).getText()).isEqualTo("Deploy release 4.2 to production");
		assertThat(this.browser.findElement(By.id("context")).getText()).contains("\"environment\"");
		this.browser.findElement(By.id("approve-reason")).sendKeys("Checked the change list");
		this.browser.findElement(By.id("approve")).click();
		wait.until(ExpectedConditions.urlToBe(base() + "/"));
		// high risk needs two approvals: one more person approves it
		assertThat(items()).containsExactly(second, first);
		this.browser.findElement(By.cssSelector("li[data-id='" + first + "'] a.review")).click();
		wait.until(ExpectedConditions.urlToBe(base() + "/approval/" + first));
		this.browser.findElement(By.id("approve")).click();
		wait.until(ExpectedConditions.urlToBe(base() + "/"));
		assertThat(items()).containsExactly(second);
		assertThat(this.browser.findElement(By.id("pending-count")).getText()).isEqualTo("1");

		HttpResponse<String> forged = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base() + "/approval/" + second + "/approve"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Origin", "https://evil.example")
				.header("Cookie", SessionCookie.NAME + "=" + session.getValue())
				.POST(HttpRequest.BodyPublishers.ofString("reason=forged"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(forged.statusCode()).isEqualTo(403);
		this.browser.get(base() + "/approval/" + second);
		assertThat(this.browser.findElement(By.tagName("body")).getText()).contains("1 of 2").doesNotContain("forged");
	}

	private List<String> items() {
		return this.browser.findElements(By.cssSelector("li.approval-item"))
			.stream()
			.map((WebElement item) -> item.getDomAttribute("data-id"))
			.toList();
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

}
