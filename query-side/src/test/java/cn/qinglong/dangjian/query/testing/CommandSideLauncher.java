package cn.qinglong.dangjian.query.testing;

import cn.qinglong.dangjian.command.CommandSideApplication;
import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Boots the real command side inside a query-side test JVM, on a random port, against a test's event store; it
 * stops when the JVM exits.
 */
public final class CommandSideLauncher {

    private CommandSideLauncher() {
    }

    public static ConfigurableApplicationContext start(TestEventStoreDatabase database) {
        // The query side's application.properties comes first on this classpath, so the command side's own settings
        // are passed here. As command-line arguments, not builder properties: those are defaults and would lose to
        // the imported eventstore-defaults.properties, pointing the command side at ./data instead.
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.application.name=command-side",
                "--member.snapshot-threshold=50", "--app.time-zone=Asia/Shanghai",
                "--spring.jackson.deserialization.fail-on-unknown-properties=true",
                "--command.aggregate-cache.size=10000", "--command.aggregate-cache.max-age=10s",
                // tests here write as fast as they can (FailoverTest's writers passed 6,000 a minute once commands on
                // kept members got faster); the limit itself is the command side's own suite's to test
                "--app.security.writes-per-minute=1000000"));
        database.springProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class)
                .run(args.toArray(String[]::new));
        Runtime.getRuntime().addShutdownHook(new Thread(context::close));
        return context;
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
