package cn.qinglong.dangjian.query.integration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** When the AMQP publisher is wired: only where a broker is configured, unless forced either way. */
class AmqpSwitchTest {

    @Configuration(proxyBeanMethods = false)
    @Conditional(IntegrationConfiguration.AmqpConfigured.class)
    static class LikeThePublisher {
        @Bean
        String publisherWired() {
            return "wired";
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(LikeThePublisher.class);

    @Test
    void the_embedded_default_without_a_broker_has_no_publisher() {
        runner.run(context -> assertThat(context).doesNotHaveBean("publisherWired"));
    }

    @Test
    void amqp_uri_or_spring_rabbitmq_settings_switch_the_publisher_on() {
        runner.withPropertyValues("AMQP_URI=amqp://guest:guest@127.0.0.1:5672/")
                .run(context -> assertThat(context).hasBean("publisherWired"));
        runner.withPropertyValues("spring.rabbitmq.host=rabbit.internal")
                .run(context -> assertThat(context).hasBean("publisherWired"));
        runner.withPropertyValues("spring.rabbitmq.addresses=rabbit-1:5672,rabbit-2:5672")
                .run(context -> assertThat(context).hasBean("publisherWired"));
    }

    @Test
    void integration_amqp_enabled_forces_the_publisher_either_way() {
        runner.withPropertyValues("AMQP_URI=amqp://127.0.0.1", "integration.amqp.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("publisherWired"));
        runner.withPropertyValues("integration.amqp.enabled=true")
                .run(context -> assertThat(context).hasBean("publisherWired"));
    }

    @Test
    void a_blank_amqp_uri_leaves_it_off() {
        runner.withPropertyValues("AMQP_URI=").run(context -> assertThat(context).doesNotHaveBean("publisherWired"));
    }
}
