package cn.qinglong.dangjian.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.CommandSide;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) against the query
 * side, on a reduced demo subdistrict loaded through the real command side ({@link MiniDemo}). Tagged
 * {@code browser}: not in the plain {@code ./mvnw verify}; {@code .ci/run} runs it. Screenshots go to
 * {@code target/screenshots}; every page is checked for console errors.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest extends QuerySideTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60); // a bound for a shared CI machine, not a timing claim

    @LocalServerPort
    int port;

    private final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private Http api;
    private Http command;
    private ChromeDriver browser;
    private Path downloads;
    private final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    void loadDemoAndStartChromium() throws IOException {
        api = new Http("http://localhost:" + port + "/api");
        command = new Http(CommandSide.baseUrl());
        long position = new MiniDemo(command, today).load();
        for (String view : List.of("/organizations/tree", "/dashboard/difficulties", "/transition",
                "/dual-management", "/care/overdue", "/attendance/rates")) {
            Http.Response response = api.get(view + "?minPosition=" + position);
            assertThat(response.header("X-View-Behind")).as(view + " caught up with the demo").isNull();
        }
        Files.createDirectories(SCREENSHOTS);
        downloads = Files.createTempDirectory("dashboard-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory("dashboard-chromium"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        // without a token the page asks for one and calls nothing else; the local demo key signs the committee in
        open("#/", "signin");
        screenshot("sign-in");
        browser.findElement(By.id("sign-in-name")).clear();
        browser.findElement(By.id("sign-in-name")).sendKeys("王书记");
        browser.findElement(By.id("sign-in-local")).click();
        awaitReady("overview");
        assertThat(text("#who")).startsWith("王书记（街道党工委）");
        // the console check itself works: an error the page logs is seen
        open("#/", "overview");
        browser.executeScript("console.error('console probe')");
        collectConsole();
        assertThat(consoleErrors).anyMatch(message -> message.contains("console probe"));
        consoleErrors.clear();
    }

    @AfterAll
    void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        collectConsole();
        assertThat(consoleErrors).as("console errors").isEmpty();
    }

    @Test
    @Order(1)
    @DisplayName("the overview shows the API's eight indicators and the tree's member and 60+ counts")
    void overviewShowsTheApiNumbers() throws IOException {
        open("#/", "overview");
        JsonNode difficulties = api.get("/dashboard/difficulties").json();
        assertThat(difficulties.get("items")).hasSize(8);
        for (JsonNode indicator : difficulties.get("items")) {
            WebElement card = browser.findElement(By.cssSelector("[data-indicator='" + indicator.get("difficulty").asString() + "']"));
            assertThat(card.findElement(By.className("label")).getText()).isEqualTo(indicator.get("label").asString());
            assertThat(card.findElement(By.className("numerator")).getText()).isEqualTo(indicator.get("numerator").asString());
            assertThat(card.findElement(By.className("denominator")).getText()).isEqualTo(indicator.get("denominator").asString());
            assertThat(card.findElement(By.className("value")).getText()).isEqualTo(percent(indicator.get("value")));
        }
        JsonNode tree = api.get("/organizations/tree").json();
        assertThat(text("#total-members")).isEqualTo(tree.get("members").asString());
        assertThat(text("#total-aged60")).isEqualTo(tree.get("aged60Plus").asString());
        Map<String, long[]> counts = new HashMap<>();
        collect(tree.get("roots"), counts);
        assertThat(counts).containsKeys(MiniDemo.COMMITTEE, MiniDemo.VILLAGE_BRANCH, MiniDemo.TRANSITION_GROUP);
        assertThat(counts.get(MiniDemo.COMMITTEE)[0]).isEqualTo(30);
        for (Map.Entry<String, long[]> node : counts.entrySet()) {
            WebElement shown = browser.findElement(By.cssSelector("[data-org='" + node.getKey() + "']"));
            assertThat(shown.findElement(By.className("members")).getText()).as(node.getKey())
                    .isEqualTo(String.valueOf(node.getValue()[0]));
            assertThat(shown.findElement(By.className("aged60")).getText()).as(node.getKey())
                    .isEqualTo(String.valueOf(node.getValue()[1]));
        }
        screenshot("overview");
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            open("#/", "overview");
            screenshot("overview-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    @Order(2)
    @DisplayName("clicking a branch shows its latest study day's left-behind list, and a member there opens the timeline")
    void branchToLeftBehindToTimeline() throws IOException {
        open("#/attendance", "attendance");
        JsonNode villageByMonth = api.get("/attendance/rates?by=month&branchId=" + MiniDemo.VILLAGE_BRANCH).json().get("items");
        assertThat(villageByMonth).hasSize(3);
        List<WebElement> header = browser.findElements(By.cssSelector("#branch-month th"));
        List<WebElement> village = browser.findElements(By.xpath(
                "//section[@id='branch-month']//tr[td/a[text()='东风村第一党支部']]/td"));
        for (JsonNode month : villageByMonth) {
            int column = header.stream().map(WebElement::getText).toList().indexOf(month.get("key").asString());
            assertThat(column).as(month.get("key").asString()).isPositive();
            assertThat(village.get(column).getText()).isEqualTo(percent(month.get("rate")));
        }
        assertThat(browser.findElements(By.cssSelector("#chart-branch-month canvas"))).isNotEmpty();
        screenshot("attendance");

        open("#/", "overview");
        browser.findElement(By.cssSelector("[data-org='" + MiniDemo.VILLAGE_BRANCH + "'] a")).click();
        awaitReady("attendance");
        assertThat(browser.getCurrentUrl()).endsWith("#/attendance?branch=" + MiniDemo.VILLAGE_BRANCH);
        JsonNode days = api.get("/study-days?branchId=" + MiniDemo.VILLAGE_BRANCH).json().get("items");
        assertThat(days).hasSize(3);
        String latest = days.get(0).get("studyDayId").asString();
        assertThat(latest).isEqualTo(MiniDemo.studyDay(MiniDemo.VILLAGE_BRANCH, today.minusMonths(1).withDayOfMonth(10)));
        JsonNode attendance = api.get("/study-days/" + latest + "/attendance").json();
        List<String> expected = attendance.get("leftBehind").valueStream().map(JsonNode::asString).toList();
        assertThat(expected).isNotEmpty();
        List<String> shown = browser.findElements(By.cssSelector("#left-behind [data-member]")).stream()
                .map(a -> a.getAttribute("data-member")).toList();
        assertThat(shown).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(text("#left-behind-count")).isEqualTo(String.valueOf(expected.size()));
        assertThat(browser.findElements(By.cssSelector("#chart-month canvas"))).isNotEmpty();
        screenshot("attendance-branch");

        String memberId = shown.get(0);
        browser.findElement(By.cssSelector("#left-behind [data-member='" + memberId + "']")).click();
        awaitReady("member");
        JsonNode history = api.get("/members/" + memberId + "/history?size=1000").json();
        List<WebElement> timeline = browser.findElements(By.cssSelector("#timeline li"));
        assertThat(timeline).hasSize(history.get("total").asInt());
        assertThat(timeline.get(timeline.size() - 1).getAttribute("data-type")).isEqualTo("MemberRegistered");
        assertThat(timeline.get(timeline.size() - 1).getText()).contains("登记入册");
        assertThat(text("#page h2")).contains(api.get("/members/" + memberId).json().get("name").asString());
        screenshot("member");
    }

    @Test
    @Order(3)
    @DisplayName("the transition table highlights those in no group and exports to .xlsx with its Chinese headers and every row")
    void transitionExport() throws IOException {
        open("#/transition", "transition");
        JsonNode transition = api.get("/transition?size=500").json();
        int total = transition.get("total").asInt();
        // the demo's eight relocated villagers, five of them in no group (other suites' members may share the store)
        assertThat(transition.get("items").valueStream()
                .filter(i -> i.get("branchId").asString().equals(MiniDemo.VILLAGE_BRANCH))).hasSize(8);
        assertThat(transition.get("items").valueStream()
                .filter(i -> i.get("branchId").asString().equals(MiniDemo.VILLAGE_BRANCH) && i.get("groupId").isNull()))
                .hasSize(5);
        assertThat(browser.findElements(By.cssSelector("#transition-table tbody tr"))).hasSize(total);
        assertThat(browser.findElements(By.cssSelector("#transition-table tr.no-group")))
                .hasSize(transition.get("summary").get("inNoGroup").asInt());
        screenshot("transition");

        browser.findElement(By.cssSelector("#transition-table button.export")).click();
        Path file = awaitDownload("过渡期党员.xlsx");
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("过渡期党员");
            DataFormatter format = new DataFormatter();
            List<String> headers = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> headers.add(format.formatCellValue(cell)));
            assertThat(headers).containsExactly("党员编号", "姓名", "年龄", "原支部", "片区", "过渡期党小组", "过渡住址",
                    "拆迁日期", "过渡天数");
            assertThat(sheet.getLastRowNum()).isEqualTo(total);
            List<String> ids = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                ids.add(format.formatCellValue(row.getCell(0)));
            }
            assertThat(ids).containsExactlyElementsOf(transition.get("items").valueStream()
                    .map(i -> i.get("memberId").asString()).toList());
            JsonNode first = transition.get("items").get(0);
            assertThat(sheet.getRow(1).getCell(8).getNumericCellValue()).isEqualTo(first.get("daysWaiting").asDouble());
            assertThat(format.formatCellValue(sheet.getRow(1).getCell(1))).isEqualTo(first.get("name").asString());
        }
    }

    @Test
    @Order(4)
    @DisplayName("dual management lists each resettlement community's members with both branches; care lists the overdue")
    void dualManagementAndCare() throws IOException {
        open("#/dual", "dual");
        screenshot("dual-management");
        JsonNode dual = api.get("/dual-management?communityId=ql-r1&size=500").json();
        assertThat(dual.get("total").asInt()).isEqualTo(3);
        assertThat(browser.findElements(By.cssSelector("#community-ql-r1 tbody tr"))).hasSize(3);
        assertThat(text("#community-ql-r1")).contains("东风村第一党支部", "青龙苑北区第一党支部");

        open("#/care", "care");
        JsonNode care = api.get("/care/overdue?days=90&size=500").json();
        assertThat(care.get("total").asInt()).isPositive();
        List<String> shown = browser.findElements(By.cssSelector("#care-table [data-member]")).stream()
                .map(a -> a.getAttribute("data-member")).toList();
        assertThat(shown).containsExactlyElementsOf(care.get("items").valueStream()
                .map(i -> i.get("memberId").asString()).toList());
        screenshot("care");
    }

    @Test
    @Order(5)
    @DisplayName("the overview refreshes by itself when a new event arrives on the stream")
    void overviewIsLive() throws IOException {
        open("#/", "overview");
        int before = Integer.parseInt(text("#total-members"));
        String renders = browser.findElement(By.tagName("body")).getAttribute("data-renders");
        Http.Response registered = command.post("/members", """
                {"memberId":"m-live","name":"钱卫东","gender":"M","birthDate":"1950-02-02","joinedPartyOn":"1975-07-01",
                 "branchId":"%s","categories":["RETIRED"],"residence":{"status":"URBAN"},"registeredOn":"%s"}"""
                .formatted(MiniDemo.URBAN_BRANCH, today.minusDays(1)).replace("\n", ""));
        assertThat(registered.status()).isEqualTo(201);
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                .until(b -> text("#total-members").equals(String.valueOf(before + 1)));
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-renders")).isNotEqualTo(renders);
        assertThat(text("#live")).startsWith("实时");
        screenshot("overview-live");
    }

    private void open(String hash, String page) {
        collectConsole();
        browser.get("http://localhost:" + port + "/" + hash);
        awaitReady(page);
    }

    private void awaitReady(String page) {
        new WebDriverWait(browser, WAIT).until(b -> {
            String ready = b.findElement(By.tagName("body")).getAttribute("data-ready");
            if ("error".equals(ready)) {
                throw new AssertionError("the page failed: " + text("#page"));
            }
            return page.equals(ready);
        });
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private void collectConsole() {
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
    }

    /** The whole page: the window grows to the page's height (at most 4,000 pixels) for the picture. */
    private void screenshot(String name) throws IOException {
        Dimension window = browser.manage().window().getSize();
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(4000, height + 140)));
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(window);
        }
    }

    private Path awaitDownload(String name) {
        Path file = downloads.resolve(name);
        new WebDriverWait(browser, WAIT).until(b -> Files.isRegularFile(file) && !partial());
        return file;
    }

    private boolean partial() {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
        } catch (IOException e) {
            return true;
        }
    }

    /** A rate of the API as the page shows it: a percentage rounded half up to one decimal. */
    private static String percent(JsonNode rate) {
        return rate.isNull() ? "—"
                : rate.decimalValue().movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    private static void collect(JsonNode nodes, Map<String, long[]> counts) {
        for (JsonNode node : nodes) {
            counts.put(node.get("id").asString(), new long[] {node.get("members").asLong(), node.get("aged60Plus").asLong()});
            collect(node.get("children"), counts);
        }
    }

    private static String chromium() {
        String configured = System.getProperty("chromium");
        if (configured != null) {
            return configured;
        }
        return Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "/usr/bin/chromium-browser";
    }
}
