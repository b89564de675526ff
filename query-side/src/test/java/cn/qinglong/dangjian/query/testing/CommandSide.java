package cn.qinglong.dangjian.query.testing;

import cn.qinglong.dangjian.command.CommandSideApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real command side, started once in the test JVM on a random port against the query side's test event store.
 * Its settings are passed as arguments because the query side's application.properties comes first on this
 * classpath.
 */
public final class CommandSide {

    private static String baseUrl;

    private CommandSide() {
    }

    public static synchronized String baseUrl() {
        if (baseUrl == null) {
            List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.application.name=command-side",
                    "--member.snapshot-threshold=50", "--app.time-zone=Asia/Shanghai",
                    "--spring.jackson.deserialization.fail-on-unknown-properties=true"));
            QuerySideTest.EVENT_STORE.springProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
            ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class)
                    .run(args.toArray(String[]::new));
            Runtime.getRuntime().addShutdownHook(new Thread(context::close));
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            baseUrl = "http://localhost:" + port + "/api";
        }
        return baseUrl;
    }
}
