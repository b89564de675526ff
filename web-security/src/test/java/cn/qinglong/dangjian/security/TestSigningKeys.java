package cn.qinglong.dangjian.security;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Fresh in-memory databases holding the local signing key's table, as the event store's migration creates it. */
final class TestSigningKeys {

    private TestSigningKeys() {
    }

    static JdbcTemplate database() {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:mem:key-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        jdbc.execute("""
                CREATE TABLE local_signing_key (key_id VARCHAR(64) PRIMARY KEY, private_key VARCHAR(4096) NOT NULL,
                public_key VARCHAR(2048) NOT NULL, created_at BIGINT NOT NULL)""");
        return jdbc;
    }

    /** A key of its own, in a database of its own. */
    static LocalSigningKey newKey() {
        return LocalSigningKey.loadOrCreate(database());
    }
}
