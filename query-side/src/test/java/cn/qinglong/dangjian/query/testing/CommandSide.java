package cn.qinglong.dangjian.query.testing;

import org.springframework.context.ConfigurableApplicationContext;

/** The real command side, started once in the test JVM against the query side's test event store. */
public final class CommandSide {

    private static String baseUrl;

    private CommandSide() {
    }

    public static synchronized String baseUrl() {
        if (baseUrl == null) {
            ConfigurableApplicationContext context = CommandSideLauncher.start(QuerySideTest.EVENT_STORE);
            baseUrl = "http://localhost:" + CommandSideLauncher.port(context) + "/api";
        }
        return baseUrl;
    }
}
