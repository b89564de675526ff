package cn.qinglong.dangjian.command;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.command.web.EventStoreBackedTest;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Guards STACK.md's first trap: on Boot 4, Axon silently falling back to NoTransactionManager. */
class TransactionWiringTest extends EventStoreBackedTest {

    @Autowired
    Configuration axon;

    @Autowired
    EventStorageEngine storageEngine;

    @Test
    @DisplayName("Axon runs with Spring's transaction manager, never NoTransactionManager")
    void realTransactionManager() {
        TransactionManager used = axon.getComponent(TransactionManager.class);
        assertThat(used).isNotInstanceOf(NoTransactionManager.class).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    @DisplayName("events are stored by the JDBC engine, not an in-memory one")
    void jdbcEventStore() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
    }
}
