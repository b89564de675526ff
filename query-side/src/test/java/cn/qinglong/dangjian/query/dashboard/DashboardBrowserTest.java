package cn.qinglong.dangjian.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.CommandSide;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.Pyramids;
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
    private static final Dimension DESK = new Dimension(1440, 900);
    private static final Dimension PHONE = new Dimension(390, 844);
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
                "/dual-management", "/care/overdue", "/attendance/rates", "/organizational-life/compliance",
                "/points")) {
            Http.Response response = api.get(view + "?minPosition=" + position);
            assertThat(response.header("X-View-Behind")).as(view + " caught up with the demo").isNull();
        }
        Files.createDirectories(SCREENSHOTS);
        downloads = Files.createTempDirectory("dashboard-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,900",
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
        assertThat(text("#figure-members b")).isEqualTo(tree.get("members").asString());
        assertThat(text("#figure-aged60 b")).isEqualTo(tree.get("aged60Plus").asString());
        // other suites' organisations may share the store: the figures count whatever the tree holds
        assertThat(text("#figure-general-branches b")).isEqualTo(String.valueOf(count(tree.get("roots"), "GENERAL_BRANCH")));
        assertThat(text("#figure-branches b")).isEqualTo(String.valueOf(count(tree.get("roots"), "BRANCH")));
        assertThat(text("#figure-overdue b")).isEqualTo(api.get("/care/overdue?days=90&size=1").json().get("total").asString());
        assertThat(text("#figure-no-group b"))
                .isEqualTo(api.get("/transition?size=1").json().get("summary").get("inNoGroup").asString());
        assertThat(browser.findElement(By.id("figure-overdue")).getAttribute("href")).endsWith("#/care");
        // arrears and repeated left-behind, as the lists behind them count them
        assertThat(text("#figure-arrears b")).isEqualTo(String.valueOf(api.get("/dues/arrears").json().get("items").size()))
                .isNotEqualTo("0");
        assertThat(browser.findElement(By.id("figure-arrears")).getAttribute("href")).endsWith("#/dues");
        assertThat(text("#figure-left-behind b")).isEqualTo(String.valueOf(api.get("/attendance/left-behind?min=2&from="
                + today.minusYears(1) + "&to=" + today).json().get("items").size()));
        // each rate is named as a rate, defined on tap, and coloured by the thresholds the page is configured with
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Number>> thresholds = (Map<String, Map<String, Number>>) browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; import('/assets/lib/config.js').then(m => done(m.DIFFICULTIES))");
        Map<String, String> tones = Map.of("green", "良好", "amber", "关注", "red", "预警");
        for (JsonNode indicator : difficulties.get("items")) {
            String code = indicator.get("difficulty").asString();
            WebElement card = browser.findElement(By.cssSelector("[data-indicator='" + code + "']"));
            assertThat(card.findElement(By.className("rate-name")).getText()).endsWith("率");
            assertThat(card.getAttribute("title")).contains("÷");
            card.findElement(By.cssSelector(".definition summary")).click();
            assertThat(card.findElement(By.cssSelector(".definition p")).getText()).contains("÷", "良好", "预警");
            if (!indicator.get("value").isNull()) {
                double value = indicator.get("value").asDouble();
                double green = thresholds.get(code).get("green").doubleValue();
                double amber = thresholds.get(code).get("amber").doubleValue();
                assertThat(amber).isLessThan(green);
                String level = value >= green ? "green" : value >= amber ? "amber" : "red";
                assertThat(card.getAttribute("data-level")).as(code).isEqualTo(level);
                assertThat(card.findElement(By.className("tone")).getText()).isEqualTo(tones.get(level));
            }
        }
        assertThat(browser.findElements(By.cssSelector("#page table"))).as("no table repeats the tree or the cards").isEmpty();
        // the pyramid folds: a general branch's branches hide behind its summary
        WebElement village = browser.findElement(By.cssSelector("[data-org='" + MiniDemo.VILLAGE_BRANCH + "']"));
        assertThat(village.isDisplayed()).isTrue();
        browser.findElement(By.xpath("//details[summary/span[@data-org='ql-v1']]/summary")).click();
        assertThat(village.isDisplayed()).isFalse();
        browser.navigate().refresh();
        awaitReady("overview");
        Map<String, long[]> counts = new HashMap<>();
        collect(tree.get("roots"), counts);
        assertThat(counts).containsKeys(MiniDemo.COMMITTEE, MiniDemo.VILLAGE_BRANCH, MiniDemo.TRANSITION_GROUP);
        assertThat(counts.get(MiniDemo.COMMITTEE)[0]).isEqualTo(30);
        for (Map.Entry<String, long[]> node : counts.entrySet()) {
            WebElement shown = browser.findElement(By.cssSelector("[data-org='" + node.getKey() + "']"));
            assertThat(shown.findElement(By.className("members")).getAttribute("textContent")).as(node.getKey())
                    .isEqualTo(String.valueOf(node.getValue()[0]));
            assertThat(shown.findElement(By.className("aged60")).getAttribute("textContent")).as(node.getKey())
                    .isEqualTo(String.valueOf(node.getValue()[1]));
        }
        screenshot("overview");
        browser.manage().window().setSize(PHONE);
        try {
            open("#/", "overview");
            assertThat(text("#figure-members b")).isEqualTo(tree.get("members").asString());
            assertThat(browser.findElement(By.id("figure-members")).getRect().getWidth()).as("two figures a row").isLessThan(195);
            assertThat(browser.findElement(By.cssSelector("#difficulties .card")).getRect().getWidth()).as("two rates a row").isLessThan(195);
            screenshot("overview-phone");
        } finally {
            browser.manage().window().setSize(DESK);
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
                "//section[@id='branch-month']//tr[td/a[@href='#/attendance?branch=" + MiniDemo.VILLAGE_BRANCH + "']]/td"));
        for (JsonNode month : villageByMonth) {
            int column = header.stream().map(WebElement::getText).toList().indexOf(month.get("key").asString());
            assertThat(column).as(month.get("key").asString()).isPositive();
            assertThat(village.get(column).getText()).isEqualTo(percent(month.get("rate")));
        }
        awaitCharts(); // the chart library (1 MB) loads on the first chart: on a busy machine after the table is ready
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
        List<WebElement> missed = browser.findElements(By.cssSelector("#timeline li.missed"));
        assertThat(timeline).hasSize(history.get("total").asInt() + missed.size());
        // the study day the member was just seen missing from is on their page, by its date, not its id
        assertThat(missed).anyMatch(li -> li.getAttribute("data-date").equals(today.minusMonths(1).withDayOfMonth(10).toString())
                && li.getText().contains("未参加学习日"));
        List<String> dates = timeline.stream().map(li -> li.getAttribute("data-date")).toList();
        assertThat(dates).as("newest business date first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(timeline.get(timeline.size() - 1).getAttribute("data-type")).isEqualTo("MemberRegistered");
        assertThat(timeline.get(timeline.size() - 1).getText()).contains("登记入册");
        assertThat(text("#timeline")).doesNotContain("sd-", "demo-loader", "T0", "Z").contains("主题党日");
        JsonNode registered = history.get("items").get(0);
        String beijing = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(java.time.Instant.parse(registered.get("recordedAt").asString()).atZone(ZoneId.of("Asia/Shanghai")));
        assertThat(timeline.get(timeline.size() - 1).findElement(By.className("recorded")).getText())
                .startsWith("登记于 " + beijing + "（北京时间）");
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
        assertThat(browser.findElements(By.cssSelector("#transition-table th")).get(0).getText()).isEqualTo("姓名");
        screenshot("transition");

        browser.findElement(By.cssSelector("#transition-table button.export")).click();
        Path file = awaitDownload("过渡期党员.xlsx");
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("过渡期党员");
            DataFormatter format = new DataFormatter();
            List<String> headers = new ArrayList<>();
            // row 0 is the title row (what, which organisation, as of when, who exported it); the headers follow
            assertThat(format.formatCellValue(sheet.getRow(0).getCell(0))).startsWith("过渡期党员");
            sheet.getRow(1).forEach(cell -> headers.add(format.formatCellValue(cell)));
            assertThat(headers).containsExactly("姓名", "年龄", "原支部", "片区", "过渡期党小组", "过渡住址",
                    "拆迁日期", "过渡天数", "党员编号");
            assertThat(sheet.getLastRowNum()).isEqualTo(total + 1);
            List<String> ids = new ArrayList<>();
            for (int r = 2; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                ids.add(format.formatCellValue(row.getCell(8)));
            }
            assertThat(ids).containsExactlyElementsOf(transition.get("items").valueStream()
                    .map(i -> i.get("memberId").asString()).toList());
            JsonNode first = transition.get("items").get(0);
            assertThat(sheet.getRow(2).getCell(7).getNumericCellValue()).isEqualTo(first.get("daysWaiting").asDouble());
            assertThat(format.formatCellValue(sheet.getRow(2).getCell(0))).isEqualTo(first.get("name").asString());
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
        int before = Integer.parseInt(text("#figure-members b"));
        String renders = browser.findElement(By.tagName("body")).getAttribute("data-renders");
        Http.Response registered = command.post("/members", """
                {"memberId":"m-live","name":"钱卫东","gender":"M","birthDate":"1950-02-02","joinedPartyOn":"1975-07-01",
                 "branchId":"%s","categories":["RETIRED"],"residence":{"status":"URBAN"},"registeredOn":"%s"}"""
                .formatted(MiniDemo.URBAN_BRANCH, today.minusDays(1)).replace("\n", ""));
        assertThat(registered.status()).isEqualTo(201);
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                .until(b -> text("#figure-members b").equals(String.valueOf(before + 1)));
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-renders")).isNotEqualTo(renders);
        assertThat(text("#live")).startsWith("实时");
        screenshot("overview-live");
    }

    @Test
    @Order(6)
    @DisplayName("an organisation's members read the same on the cards and in the tree, on both bases, at both sizes")
    void cardsAndTreeAgree() throws IOException {
        // the pyramid sums of the reduced demo, on both bases
        Pyramids.assertChildrenAddUpToNoMore(api.get("/organizations/tree").json().get("roots"));
        Pyramids.assertChildrenAddUpToNoMore(api.get("/organizations/tree?by=residence").json().get("roots"));
        JsonNode village = find(api.get("/organizations/tree").json().get("roots"), "ql-v1");
        JsonNode difficulties = api.get("/dashboard/difficulties?organizationId=ql-v1").json();
        // three villagers live in the resettlement community: their relation stays, their daily management moved
        assertThat(village.get("members").asLong()).isEqualTo(12);
        assertThat(village.get("managed").asLong()).isEqualTo(difficulties.get("activeMembers").asLong()).isEqualTo(9);
        atBothSizes(size -> {
            open("#/?org=ql-v1", "overview");
            assertThat(text("#scope-title")).startsWith("东风村党总支");
            assertThat(text("#active-members")).isEqualTo("9");
            assertThat(text("#relation-members")).isEqualTo("12");
            assertThat(text("#figure-members b")).isEqualTo("12");
            assertThat(text("#figure-overdue b")).as("the drill-down counts its own overdue visits").isEqualTo(String.valueOf(
                    api.get("/care/overdue?days=90&size=500").json().get("items").valueStream()
                            .filter(i -> i.get("dailyBranchId").asString().equals(MiniDemo.VILLAGE_BRANCH)).count()));
            WebElement node = browser.findElement(By.cssSelector("[data-org='ql-v1']"));
            assertThat(node.findElement(By.className("members")).getText()).isEqualTo("12");
            assertThat(node.findElement(By.className("managed")).getText()).isEqualTo(text("#active-members"));
            screenshot("overview-ql-v1-" + size.getWidth());
        });
    }

    @Test
    @Order(7)
    @DisplayName("0, -5, 99999 or abc days on 关爱帮扶 read as a Chinese sentence beside the input, which keeps what was typed")
    void careDaysAreChecked() throws IOException {
        atBothSizes(size -> {
            for (String typed : List.of("0", "-5", "99999", "abc")) {
                open("#/care", "care");
                int rows = browser.findElements(By.cssSelector("#care-table [data-member]")).size();
                WebElement input = browser.findElement(By.id("care-days"));
                input.clear();
                input.sendKeys(typed);
                browser.findElement(By.id("care-query")).click();
                assertThat(text("#care-days-error")).as(typed).matches(".*(天数须在 1 至 3650 之间|请输入整数天数).*");
                assertThat(browser.findElement(By.id("care-days")).isDisplayed()).isTrue();
                assertThat(browser.findElement(By.id("care-days")).getAttribute("value")).isEqualTo(typed);
                assertThat(browser.getCurrentUrl()).endsWith("#/care");
                assertThat(browser.findElements(By.cssSelector("#care-table [data-member]"))).hasSize(rows);
            }
            open("#/care?days=abc", "care");
            assertThat(browser.findElement(By.id("care-days")).getAttribute("value")).isEqualTo("abc");
            assertThat(text("#care-days-error")).contains("请输入整数天数");
            assertThat(browser.findElements(By.id("care-table"))).isEmpty();
            screenshot("care-invalid-" + size.getWidth());
            WebElement input = browser.findElement(By.id("care-days"));
            input.clear();
            input.sendKeys("30");
            browser.findElement(By.id("care-query")).click();
            new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .ignoring(StaleElementReferenceException.class)
                    .until(b -> text("#care-table .toolbar strong").equals("超期未走访（30天）"));
        });
    }

    @Test
    @Order(8)
    @DisplayName("every tab at 1440x900 and 390x844: Simplified Chinese only, nothing wider than the phone, tables as cards, chart labels that fit")
    void everyTabInChineseAtBothSizes() throws IOException {
        List<String> timings = new ArrayList<>();
        Map<String, String> tabs = new java.util.LinkedHashMap<>();
        tabs.put("overview", "#/");
        tabs.put("attendance", "#/attendance");
        tabs.put("attendance-branch", "#/attendance?branch=" + MiniDemo.VILLAGE_BRANCH);
        tabs.put("transition", "#/transition");
        tabs.put("dual", "#/dual");
        tabs.put("care", "#/care");
        tabs.put("dues", "#/dues");
        tabs.put("warnings", "#/warnings");
        tabs.put("search", "#/search?q=" + "张");
        tabs.put("member", "#/member/" + MiniDemo.member(12));
        tabs.put("evaluation", "#/evaluation");
        tabs.put("suggestions", "#/suggestions");
        tabs.put("orglife", "#/orglife");
        tabs.put("notices", "#/notices");
        tabs.put("points", "#/points");
        atBothSizes(size -> {
            for (Map.Entry<String, String> tab : tabs.entrySet()) {
                open(tab.getValue(), tab.getKey().replace("-branch", ""));
                awaitCharts();
                assertThat(latinWords(visibleText())).as(tab.getKey() + " at " + size.getWidth()).isEmpty();
                assertThat(visibleText()).as(tab.getKey()).doesNotContain("实时：未连接");
                if (size == PHONE) {
                    long scrollWidth = ((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue();
                    assertThat(scrollWidth).as(tab.getKey() + " fits the phone").isLessThanOrEqualTo(390);
                    for (WebElement head : browser.findElements(By.cssSelector(".table-wrap thead"))) {
                        assertThat(head.isDisplayed()).as("a table reads as cards").isFalse();
                    }
                    for (WebElement cell : browser.findElements(By.cssSelector(".table-wrap td"))) {
                        assertThat(cell.getRect().getWidth()).isGreaterThan(300);
                        break;
                    }
                }
                timings.add(tab.getKey() + " " + size.getWidth() + "px: "
                        + browser.findElement(By.tagName("body")).getAttribute("data-ms") + " ms to data");
                screenshot(tab.getKey() + "-" + size.getWidth());
            }
            open("#/attendance", "attendance");
            awaitCharts();
            @SuppressWarnings("unchecked")
            List<String> branchLabels = (List<String>) browser.executeScript(
                    "return echarts.getInstanceByDom(document.getElementById('chart-branch-month')).getOption().yAxis[0].data");
            assertThat(branchLabels).isNotEmpty().allMatch(label -> label.length() <= (size == PHONE ? 6 : 14));
            Object interval = browser.executeScript(
                    "return echarts.getInstanceByDom(document.getElementById('chart-month')).getOption().xAxis[0].axisLabel.interval");
            assertThat(((Number) interval).intValue()).as("every month labelled").isZero();
        });
        Files.write(SCREENSHOTS.resolve("time-to-data.txt"), timings);
        // 大屏: full screen for the meeting room, going round the key figures and charts; a second tap ends it
        open("#/care", "care");
        browser.findElement(By.id("big-screen")).click();
        awaitReady("overview");
        assertThat(browser.findElement(By.tagName("body")).getAttribute("class")).contains("big-screen");
        assertThat(browser.findElements(By.cssSelector(".figure"))).hasSizeGreaterThan(6);
        // as the display shows it: resizing the window for a whole-page picture would leave full screen
        Files.write(SCREENSHOTS.resolve("big-screen.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.findElement(By.id("big-screen")).click();
        assertThat(browser.findElement(By.tagName("body")).getAttribute("class")).doesNotContain("big-screen");
    }

    @Test
    @Order(9)
    @DisplayName("积分 shows the API's ranking; a member's points there are explained fact by fact and add up")
    void pointsRankingAndBreakdown() throws IOException {
        open("#/points?org=" + MiniDemo.COMMITTEE, "points");
        JsonNode ranking = api.get("/points?organizationId=" + MiniDemo.COMMITTEE + "&size=500").json();
        assertThat(ranking.get("total").asInt()).isPositive();
        List<String> shown = browser.findElements(By.cssSelector("#points-table [data-member]")).stream()
                .map(a -> a.getAttribute("data-member")).distinct().toList();
        assertThat(shown).containsExactlyElementsOf(ranking.get("items").valueStream()
                .map(i -> i.get("memberId").asString()).toList());
        JsonNode second = ranking.get("items").get(1);
        browser.findElement(By.cssSelector("#points-table button[data-member='" + second.get("memberId").asString()
                + "']")).click();
        new WebDriverWait(browser, WAIT).until(b -> !b.findElements(By.cssSelector(
                "#points-breakdown[data-member='" + second.get("memberId").asString() + "']")).isEmpty());
        JsonNode points = api.get("/members/" + second.get("memberId").asString() + "/points").json();
        assertThat(text("#points-total")).isEqualTo(String.valueOf(second.get("points").asInt()))
                .isEqualTo(String.valueOf(points.get("points").asInt()));
        assertThat(browser.findElements(By.cssSelector("#points-facts tbody tr"))).hasSize(points.get("facts").size());
        assertThat(text("#points-breakdown")).contains("积分规则表第 1 版", second.get("name").asString());
        assertThat(latinWords(visibleText())).isEmpty();
        screenshot("points");
    }

    @Test
    @Order(10)
    @DisplayName("a member is found by part of the name, the initials of its pinyin or the phone; 预警 lists red first, each a click from the member")
    void searchAndWarnings() throws IOException {
        atBothSizes(size -> {
            open("#/search", "search");
            browser.findElement(By.id("search-q")).sendKeys("建国");
            browser.findElement(By.id("search-go")).click();
            new WebDriverWait(browser, WAIT).until(b -> !b.findElements(By.cssSelector("#search-table [data-member]")).isEmpty());
            List<String> names = browser.findElements(By.cssSelector("#search-table [data-member]")).stream()
                    .map(WebElement::getText).toList();
            assertThat(names).hasSize(api.get("/members?q=" + java.net.URLEncoder.encode("建国", java.nio.charset.StandardCharsets.UTF_8))
                    .json().get("total").asInt()).allMatch(n -> n.contains("建国"));
            assertThat(names.size()).isGreaterThan(1);
            open("#/search?q=00000012", "search");
            assertThat(browser.findElements(By.cssSelector("#search-table [data-member]")).stream()
                    .map(a -> a.getAttribute("data-member")).toList()).containsExactly(MiniDemo.member(12));
            open("#/search", "search");
            WebElement box = browser.findElement(By.id("search-q"));
            assertThat(box.getAttribute("placeholder")).isEqualTo("姓名、拼音首字母或电话");
            box.sendKeys("WXY");
            browser.findElement(By.id("search-go")).click();
            new WebDriverWait(browser, WAIT).until(b -> !b.findElements(By.cssSelector("#search-table [data-member]")).isEmpty());
            List<String> byInitials = browser.findElements(By.cssSelector("#search-table [data-member]")).stream()
                    .map(WebElement::getText).toList();
            assertThat(byInitials).hasSize(api.get("/members?q=WXY").json().get("total").asInt())
                    .hasSize(api.get("/members?q=" + java.net.URLEncoder.encode("王秀英", java.nio.charset.StandardCharsets.UTF_8))
                            .json().get("total").asInt())
                    .isNotEmpty().allMatch("王秀英"::equals);
            screenshot("search-" + size.getWidth());

            open("#/warnings", "warnings");
            JsonNode care = api.get("/care/overdue?days=90&size=500").json();
            long neverVisited = care.get("items").valueStream().filter(i -> i.get("lastVisitOn").isNull()).count();
            List<JsonNode> owing = api.get("/dues/arrears?through=" + java.time.YearMonth.from(today).minusMonths(1)).json()
                    .get("items").valueStream().filter(m -> m.get("months").size() >= 3).toList();
            List<JsonNode> behind = api.get("/attendance/left-behind?min=2&from=" + today.minusYears(1) + "&to=" + today).json()
                    .get("items").valueStream().toList();
            List<WebElement> rows = browser.findElements(By.cssSelector("#warnings-table tbody tr"));
            // every overdue visit is a row, red when never visited; three months of dues owed or more is amber, six red;
            // left behind twice or more is red while a time was not followed up; the other rows (lost contact, a branch
            // without last month's study day, from other suites sharing the store) are red
            long visits = rows.stream().filter(r -> r.getText().contains("未走访")).count();
            assertThat(visits).isEqualTo(care.get("total").asInt());
            assertThat(rows.stream().filter(r -> r.getText().contains("欠缴党费")).count()).isEqualTo(owing.size()).isPositive();
            assertThat(rows.stream().filter(r -> r.getText().contains("近一年掉队")).count()).isEqualTo(behind.size());
            long others = rows.size() - visits - owing.size() - behind.size();
            long red = neverVisited + others + owing.stream().filter(m -> m.get("months").size() >= 6).count()
                    + behind.stream().filter(m -> m.get("followedUp").asInt() < m.get("leftBehind").asInt()).count();
            assertThat(text("#warnings-red")).isEqualTo(String.valueOf(red));
            List<String> levels = rows.stream().map(r -> r.getAttribute("class")).toList();
            assertThat(levels).isSortedAccordingTo(java.util.Comparator.comparing(c -> c.contains("red") ? 0 : 1));
            screenshot("warnings-" + size.getWidth());
            String first = rows.get(0).findElement(By.cssSelector("[data-member]")).getAttribute("data-member");
            rows.get(0).findElement(By.cssSelector("[data-member]")).click();
            awaitReady("member");
            assertThat(browser.getCurrentUrl()).endsWith("#/member/" + first);
        });
    }

    @Test
    @Order(11)
    @DisplayName("党费 lists who owes which months as the API does; the left-behind list marks who was followed up; a member's page shows what they owe")
    void duesArrearsAndFollowUps() throws IOException {
        open("#/dues", "dues");
        JsonNode arrears = api.get("/dues/arrears").json().get("items");
        List<WebElement> rows = browser.findElements(By.cssSelector("#arrears-table tbody tr"));
        assertThat(rows).hasSize(arrears.size());
        long owedFen = arrears.valueStream().mapToLong(m -> m.get("owedFen").asLong()).sum();
        assertThat(text("#arrears-yuan")).isEqualTo("%d.%02d".formatted(owedFen / 100, owedFen % 100));
        // a standard of 2 yuan from four months back and nothing paid since: four months, 8 yuan, a later payment hiding nothing
        WebElement one = browser.findElement(By.xpath("//section[@id='arrears-table']//tr[.//a[@data-member='" + MiniDemo.member(1) + "']]"));
        assertThat(one.getText()).contains("4", "8.00").doesNotContain("m-001");
        assertThat(one.getAttribute("class")).isEqualTo("warning-amber");
        WebElement zero = browser.findElement(By.xpath("//section[@id='arrears-table']//tr[.//a[@data-member='" + MiniDemo.member(0) + "']]"));
        java.time.YearMonth lastMonth = java.time.YearMonth.from(today).minusMonths(1);
        String owedMonths = java.util.stream.Stream.of(3, 2, 1).map(k -> lastMonth.minusMonths(k).toString().replace("-", "年") + "月")
                .collect(java.util.stream.Collectors.joining("、"));
        // 0 paid last month: the three months before it stay owed
        assertThat(zero.getText()).contains(owedMonths, "6.00").doesNotContain(lastMonth.toString().replace("-", "年") + "月、");
        assertThat(browser.findElements(By.cssSelector("#collection-table tbody tr")))
                .hasSize(api.get("/dues/collection").json().size());
        screenshot("dues");

        LocalDate lastStudyDay = today.minusMonths(1).withDayOfMonth(10);
        open("#/attendance?branch=" + MiniDemo.URBAN_BRANCH + "&day=" + MiniDemo.studyDay(MiniDemo.URBAN_BRANCH, lastStudyDay), "attendance");
        JsonNode day = api.get("/study-days/" + MiniDemo.studyDay(MiniDemo.URBAN_BRANCH, lastStudyDay) + "/attendance").json();
        assertThat(day.get("followedUp").valueStream().map(JsonNode::asString).toList()).contains(MiniDemo.member(3));
        for (WebElement row : browser.findElements(By.cssSelector("#left-behind tbody tr"))) {
            String id = row.findElement(By.cssSelector("[data-member]")).getAttribute("data-member");
            assertThat(row.getText()).as(id).contains(id.equals(MiniDemo.member(3)) ? "已跟进" : "未跟进");
        }
        assertThat(text("#day-figures")).contains("已跟进 1 人");

        open("#/member/" + MiniDemo.member(1), "member");
        assertThat(text("#member-view")).contains("4 个月，8.00 元");
        open("#/member/" + MiniDemo.member(3), "member");
        assertThat(browser.findElements(By.cssSelector("#timeline li.missed"))).anyMatch(li -> li.getText().contains("已跟进"));
    }

    @Test
    @Order(12)
    @DisplayName("民主评议 shows the demo's round: ten members rated, eight graded, the branch's satisfaction; 建言 shows six suggestions, two open")
    void evaluationAndSuggestions() throws IOException {
        open("#/evaluation", "evaluation");
        awaitCharts();
        assertThat(text("#evaluation-organization")).isEqualTo("青龙苑北区党总支");
        assertThat(text("#evaluation-members")).isEqualTo("10");
        assertThat(text("#evaluation-graded")).isEqualTo("8");
        assertThat(browser.findElements(By.cssSelector("#evaluation-members-table tbody tr"))).hasSize(10);
        assertThat(text("#evaluation-members-table")).contains("群众", "自评", "优秀", "未评定");
        assertThat(text("#evaluation-organizations-table")).contains("青龙苑北区第一党支部", "满意率");
        assertThat(browser.findElements(By.cssSelector("#evaluation-organizations-table [data-export]"))).hasSize(1);
        screenshot("evaluation-results");
        open("#/suggestions", "suggestions");
        awaitCharts();
        assertThat(text("#suggestions-total")).isEqualTo("6");
        assertThat(text("#suggestions-open")).isEqualTo("2");
        assertThat(browser.findElements(By.cssSelector("#suggestions-table tbody tr"))).hasSize(6);
        assertThat(text("#suggestions-table")).contains("赵桂兰（居民）", "绿化管理", "待办理", "已议决", "议事会议定在一楼公示");
        assertThat(text("#suggestion-organizations-table")).contains("青龙苑北区党总支");
        open("#/suggestions?status=OPEN", "suggestions");
        assertThat(browser.findElements(By.cssSelector("#suggestions-table tbody tr"))).hasSize(2);
        screenshot("suggestions");
    }

    @Test
    @Order(15)
    @DisplayName("组织生活: the compliance grid red first with the legend from the service; a branch's meetings and who came; a notice's not-reached list")
    void organizationalLifeAndNotices() throws IOException {
        open("#/orglife?year=" + today.minusMonths(1).getYear(), "orglife");
        List<WebElement> rows = browser.findElements(By.cssSelector("#compliance-table tbody tr"));
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).getAttribute("class")).isEqualTo("status-red");
        assertThat(browser.findElements(By.cssSelector("#compliance-table [data-status='RED']"))).isNotEmpty();
        assertThat(text("#orglife-legend")).contains("支委会每月至少一次", "支部党员大会每季度至少一次");
        screenshot("orglife");
        browser.executeScript("delete document.body.dataset.ready");
        browser.findElement(By.cssSelector("[data-branch='" + MiniDemo.VILLAGE_BRANCH + "']")).click();
        awaitReady("orglife");
        assertThat(text("#meetings-table")).contains("研究过渡期党员联系", "支委会");
        browser.executeScript("delete document.body.dataset.ready");
        browser.findElement(By.linkText("研究过渡期党员联系")).click();
        awaitReady("orglife");
        assertThat(browser.findElements(By.cssSelector("#attendees-table tbody tr"))).hasSize(2);
        open("#/notices", "notices");
        assertThat(text("#notices-table")).contains("关于参加主题党日的通知");
        browser.executeScript("delete document.body.dataset.ready");
        browser.findElement(By.cssSelector("[data-notice='" + MiniDemo.NOTICE + "']")).click();
        awaitReady("notices");
        JsonNode reach = api.get("/notices/" + MiniDemo.NOTICE + "/reach").json();
        assertThat(reach.get("audience").asInt()).isEqualTo(9);
        assertThat(browser.findElements(By.cssSelector("#not-reached-table tbody tr")))
                .hasSize(reach.get("notReached").size()).hasSize(8);
        assertThat(text("#reach-figures")).contains("应通知 9 人", "已确认 1 人");
        screenshot("notice-reach");
    }

    @Test
    @Order(20)
    @DisplayName("a branch secretary signs in by their branch's name, sees only it, reads 无权查看 elsewhere; sign-out forgets the address")
    void aSecretarysOwnView() throws IOException {
        JsonNode branch = find(api.get("/organizations/tree").json().get("roots"), MiniDemo.VILLAGE_BRANCH);
        open("#/care", "care");
        browser.findElement(By.id("sign-out")).click();
        awaitReady("signin");
        assertThat(browser.getCurrentUrl()).isEqualTo("http://localhost:" + port + "/");
        String signIn = visibleText();
        assertThat(signIn).doesNotContain("令牌", "Keycloak", "eyJ", "本地演示", "密钥");
        assertThat(latinWords(signIn)).isEmpty();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("sign-in-role"))).selectByValue("BRANCH_SECRETARY");
        browser.findElement(By.id("sign-in-name")).sendKeys("李书记");
        browser.findElement(By.id("sign-in-local")).click();
        assertThat(text("#sign-in-error")).isEqualTo("请填写所辖组织的名称，如“东风村第一党支部”。");
        browser.findElement(By.id("sign-in-scope")).sendKeys("东风村第九党支部");
        browser.findElement(By.id("sign-in-local")).click();
        new WebDriverWait(browser, WAIT).until(b -> text("#sign-in-error").contains("未找到组织“东风村第九党支部”"));
        assertThat(browser.executeScript("return sessionStorage.getItem('dangjian.token')")).isNull();
        screenshot("sign-in-unknown-scope");
        browser.findElement(By.id("sign-in-scope")).clear();
        // by name when the name is the store's only one (other suites may have named a branch alike), else by its code
        boolean unique = named(api.get("/organizations/tree").json().get("roots"), "东风村第一党支部") == 1;
        browser.findElement(By.id("sign-in-scope")).sendKeys(unique ? "东风村第一党支部" : MiniDemo.VILLAGE_BRANCH);
        browser.findElement(By.id("sign-in-local")).click();
        awaitReady("overview");
        atBothSizes(size -> {
            open("#/", "overview");
            assertThat(text("#title")).startsWith("东风村第一党支部");
            assertThat(text("#scope-title")).startsWith("东风村第一党支部");
            assertThat(text("#who")).startsWith("李书记（党支部书记）");
            assertThat(browser.findElements(By.cssSelector("[data-org='" + MiniDemo.URBAN_BRANCH + "']"))).isEmpty();
            assertThat(browser.findElements(By.cssSelector("[data-org='ql']"))).isEmpty();
            assertThat(text("#figure-members b")).isEqualTo(branch.get("members").asString());
            assertThat(text("#figure-branches b")).isEqualTo("1");
            assertThat(latinWords(visibleText())).isEmpty();
            screenshot("secretary-overview-" + size.getWidth());
            open("#/attendance", "attendance");
            assertThat(browser.findElements(By.cssSelector("#branch-month tbody tr"))).hasSize(1);
            assertThat(browser.findElements(By.cssSelector("#branch-select option"))).hasSize(2);
            open("#/?org=ql-u1", "error");
            assertThat(text("#page-error")).startsWith("无权查看");
            screenshot("secretary-out-of-scope-" + size.getWidth());
        });
        browser.findElement(By.id("sign-out")).click();
        awaitReady("signin");
        assertThat(browser.getCurrentUrl()).isEqualTo("http://localhost:" + port + "/");
    }

    private interface AtSize {
        void check(Dimension size) throws IOException;
    }

    /** The check at 1440x900, then at 390x844; the window is the desktop's again afterwards. */
    private void atBothSizes(AtSize check) throws IOException {
        for (Dimension size : List.of(DESK, PHONE)) {
            browser.manage().window().setSize(size);
            try {
                check.check(size);
            } finally {
                browser.manage().window().setSize(DESK);
            }
        }
    }

    /** Words of Latin letters without a digit (a code such as ql-v1-b1 has one): what a person should not read. */
    private static List<String> latinWords(String text) {
        List<String> words = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/@'-]*").matcher(text);
        while (m.find()) {
            String word = m.group();
            if (word.chars().anyMatch(Character::isLetter) && word.chars().noneMatch(Character::isDigit)
                    && !List.of("Excel").contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    private String visibleText() {
        return (String) browser.executeScript("return document.body.innerText");
    }

    /** Charts draw once the library has arrived (it is fetched on the first tab that draws one). */
    private void awaitCharts() {
        new WebDriverWait(browser, WAIT).until(b -> (Boolean) browser.executeScript(
                "return [...document.querySelectorAll('.chart')].every(c => c.querySelector('canvas'))"));
    }

    private static long count(JsonNode nodes, String level) {
        long n = 0;
        for (JsonNode node : nodes) {
            n += (level.equals(node.get("level").asString()) && node.get("dissolvedOn").isNull() ? 1 : 0)
                    + count(node.get("children"), level);
        }
        return n;
    }

    private static long named(JsonNode nodes, String name) {
        long n = 0;
        for (JsonNode node : nodes) {
            n += (name.equals(node.get("name").asString()) ? 1 : 0) + named(node.get("children"), name);
        }
        return n;
    }

    private static JsonNode find(JsonNode nodes, String id) {
        for (JsonNode node : nodes) {
            if (node.get("id").asString().equals(id)) {
                return node;
            }
            JsonNode below = find(node.get("children"), id);
            if (below != null) {
                return below;
            }
        }
        return null;
    }

    /** Opens a route and waits until the page has rendered it (a route already on screen renders no more). */
    private void open(String hash, String page) {
        collectConsole();
        String url = "http://localhost:" + port + "/" + hash;
        if (!url.equals(browser.getCurrentUrl())) {
            browser.executeScript("if (document.body) delete document.body.dataset.ready");
        }
        browser.get(url);
        awaitReady(page);
    }

    private void awaitReady(String page) {
        new WebDriverWait(browser, WAIT).until(b -> {
            String ready = b.findElement(By.tagName("body")).getAttribute("data-ready");
            if ("error".equals(ready) && !"error".equals(page)) {
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
