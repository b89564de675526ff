package cn.qinglong.dangjian.query.integration;

import cn.qinglong.dangjian.query.audit.CheckpointPublication;
import cn.qinglong.dangjian.query.lease.PublicationLease;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntegrationProperties.class)
public class IntegrationConfiguration {

    @Bean
    EventFeed integrationEventFeed(EventStorageEngine storage, IntegrationProperties properties) {
        return new EventFeed(storage, properties.gapGrace(), Clock.systemUTC());
    }

    @Bean
    CloudEventMapper cloudEventMapper() {
        return new CloudEventMapper(JsonMapper.builder().build());
    }

    /** Off in the embedded default, so a laptop without RabbitMQ runs the query side as before. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(AmqpConfigured.class)
    static class Amqp {

        @Bean(destroyMethod = "destroy")
        CachingConnectionFactory integrationConnectionFactory(IntegrationProperties properties, Environment env) {
            CachingConnectionFactory factory = new CachingConnectionFactory();
            String uri = properties.amqp().uri() != null ? properties.amqp().uri() : env.getProperty("AMQP_URI");
            if (uri != null && !uri.isBlank()) {
                factory.setUri(uri);
            } else {
                String addresses = env.getProperty("spring.rabbitmq.addresses");
                if (addresses != null && !addresses.isBlank()) {
                    factory.setAddresses(addresses);
                } else {
                    factory.setHost(env.getProperty("spring.rabbitmq.host", "localhost"));
                    factory.setPort(env.getProperty("spring.rabbitmq.port", Integer.class, 5672));
                }
                factory.setUsername(env.getProperty("spring.rabbitmq.username", "guest"));
                factory.setPassword(env.getProperty("spring.rabbitmq.password", "guest"));
                factory.setVirtualHost(env.getProperty("spring.rabbitmq.virtual-host", "/"));
            }
            factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
            factory.setConnectionNameStrategy(f -> "query-side integration publisher");
            return factory;
        }

        @Bean
        RabbitTemplate integrationRabbitTemplate(CachingConnectionFactory integrationConnectionFactory) {
            return new RabbitTemplate(integrationConnectionFactory);
        }

        @Bean
        AmqpPublisher amqpPublisher(EventFeed integrationEventFeed, CloudEventMapper cloudEventMapper,
                                    RabbitTemplate integrationRabbitTemplate, JdbcTemplate jdbc,
                                    IntegrationProperties properties) {
            String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
            PublicationLease lease = new PublicationLease(jdbc, properties.amqp().publisherName(), node,
                    properties.amqp().lease(), Clock.systemUTC());
            return new AmqpPublisher(integrationEventFeed, cloudEventMapper, integrationRabbitTemplate, lease,
                    properties.amqp());
        }
    }

    /** Checkpoints go to the same exchange, routing key = their CloudEvents type, once each, with confirms. */
    @Bean
    @Conditional(AmqpConfigured.class)
    CheckpointPublication amqpCheckpointPublication(CloudEventMapper cloudEventMapper,
                                                    RabbitTemplate integrationRabbitTemplate,
                                                    IntegrationProperties properties) {
        IntegrationProperties.Amqp settings = properties.amqp();
        return checkpoint -> {
            IntegrationEvent event = cloudEventMapper.checkpoint(checkpoint);
            try {
                new RabbitAdmin(integrationRabbitTemplate).declareExchange(
                        new TopicExchange(settings.exchange(), true, false));
                integrationRabbitTemplate.invoke(channel -> {
                    channel.send(settings.exchange(), event.type(), AmqpPublisher.message(event));
                    channel.waitForConfirmsOrDie(settings.confirmTimeout().toMillis());
                    return null;
                });
                return true;
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(IntegrationConfiguration.class).warn(
                        "Could not publish checkpoint {} to {}; trying again next round", checkpoint.number(),
                        settings.exchange(), e);
                return false;
            }
        };
    }

    static class AmqpConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment env = context.getEnvironment();
            String forced = env.getProperty("integration.amqp.enabled");
            if (forced != null && !forced.isBlank()) {
                return Boolean.parseBoolean(forced);
            }
            return set(env, "integration.amqp.uri") || set(env, "AMQP_URI") || set(env, "spring.rabbitmq.host")
                    || set(env, "spring.rabbitmq.addresses");
        }

        private static boolean set(Environment env, String key) {
            String value = env.getProperty(key);
            return value != null && !value.isBlank();
        }
    }
}
