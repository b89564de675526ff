package cn.qinglong.dangjian.benchmark;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Writes the subdistrict's events ({@link EventPlan}) straight into the event store through the same Axon storage
 * engine, serializer and Flyway schema the services use (the event-store module's auto-configuration), skipping HTTP
 * and the command bus: a million events through the command API would take longer than the whole benchmark.
 */
final class EventGenerator implements AutoCloseable {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class EventStoreOnly {
    }

    private final ConfigurableApplicationContext context;
    private final EventStorageEngine engine;

    /** Starts the event store wiring against {@code jdbcUrl}; Flyway creates the schema there. */
    EventGenerator(String jdbcUrl, String user, String password, String masterKey) {
        context = new SpringApplicationBuilder(EventStoreOnly.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                // Arguments, not default properties: the imported defaults would otherwise win and point at H2.
                .run("--spring.config.import=classpath:eventstore-defaults.properties",
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=" + user,
                        "--spring.datasource.password=" + (password == null ? "" : password),
                        "--eventstore.master-key=" + masterKey,
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN",
                        "--spring.datasource.hikari.maximum-pool-size=4");
        engine = context.getBean(EventStorageEngine.class);
    }

    /** Appends the plan's events through the engine; answers how many were written. */
    long generate(EventPlan plan, int threads) throws Exception {
        return plan.write(engine::appendEvents, threads);
    }

    @Override
    public void close() {
        context.close();
    }
}
