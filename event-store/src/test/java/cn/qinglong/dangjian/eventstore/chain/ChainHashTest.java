package cn.qinglong.dangjian.eventstore.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChainHashTest {

    private static final String HASH = "ab".repeat(32);

    @Test
    void the_hash_is_appended_as_the_last_member_and_removing_it_gives_back_the_hashed_bytes() {
        byte[] hashed = "{\"actor\":\"王书记\",\"traceId\":\"t-1\"}".getBytes(StandardCharsets.UTF_8);

        byte[] stored = ChainHash.withHash(hashed, HASH);

        assertThat(new String(stored, StandardCharsets.UTF_8))
                .isEqualTo("{\"actor\":\"王书记\",\"traceId\":\"t-1\",\"chainHash\":\"" + HASH + "\"}");
        assertThat(ChainHash.hashIn(stored)).isEqualTo(HASH);
        assertThat(ChainHash.withoutHash(stored)).isEqualTo(hashed);
    }

    @Test
    void empty_metadata_carries_the_hash_as_its_only_member() {
        byte[] stored = ChainHash.withHash("{}".getBytes(StandardCharsets.UTF_8), HASH);

        assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo("{\"chainHash\":\"" + HASH + "\"}");
        assertThat(ChainHash.withoutHash(stored)).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void metadata_whose_last_member_is_not_the_hash_carries_none() {
        byte[] moved = ("{\"chainHash\":\"" + HASH + "\",\"actor\":\"x\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(ChainHash.hashIn(moved)).isNull();
        assertThat(ChainHash.withoutHash(moved)).isEqualTo(moved);
    }

    @Test
    void changing_any_covered_part_changes_the_hash() {
        byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] meta = "{}".getBytes(StandardCharsets.UTF_8);
        String base = ChainHash.compute(ChainHash.GENESIS, "m-1", 0, "T", "1", "2025-01-01T00:00:00.000Z", payload, meta);

        assertThat(base).matches("[0-9a-f]{64}");
        assertThat(ChainHash.compute(HASH, "m-1", 0, "T", "1", "2025-01-01T00:00:00.000Z", payload, meta)).isNotEqualTo(base);
        assertThat(ChainHash.compute(ChainHash.GENESIS, "m-1", 1, "T", "1", "2025-01-01T00:00:00.000Z", payload, meta)).isNotEqualTo(base);
        assertThat(ChainHash.compute(ChainHash.GENESIS, "m-1", 0, "T", "2", "2025-01-01T00:00:00.000Z", payload, meta)).isNotEqualTo(base);
        assertThat(ChainHash.compute(ChainHash.GENESIS, "m-1", 0, "T", "1", "2025-01-01T00:00:00.001Z", payload, meta)).isNotEqualTo(base);
        assertThat(ChainHash.compute(ChainHash.GENESIS, "m-1", 0, "T", "1", "2025-01-01T00:00:00.000Z",
                "{\"a\":2}".getBytes(StandardCharsets.UTF_8), meta)).isNotEqualTo(base);
        assertThat(ChainHash.compute(ChainHash.GENESIS, "m-1", 0, "T", "1", "2025-01-01T00:00:00.000Z", payload,
                "{\"x\":1}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(base);
    }
}
