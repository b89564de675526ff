package cn.qinglong.dangjian.query.testing;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** The rule every organisation tree keeps, on either base: no node's children add up to more than the node. */
public final class Pyramids {

    private Pyramids() {
    }

    public static void assertChildrenAddUpToNoMore(JsonNode nodes) {
        nodes.forEach(n -> {
            int children = n.get("children").valueStream().mapToInt(c -> c.get("members").asInt()).sum();
            assertThat(children).as("children of %s", n.get("id").asString()).isLessThanOrEqualTo(n.get("members").asInt());
            int seniors = n.get("children").valueStream().mapToInt(c -> c.get("aged60Plus").asInt()).sum();
            assertThat(seniors).as("60+ of children of %s", n.get("id").asString())
                    .isLessThanOrEqualTo(n.get("aged60Plus").asInt());
            assertChildrenAddUpToNoMore(n.get("children"));
        });
    }
}
