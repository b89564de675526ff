package cn.qinglong.dangjian.query.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The rule every organisation tree keeps, on either base: no node's children of one kind add up to more than the
 * node. A branch's areas, transition groups and building groups are separate cuts of the same members (one member
 * can be in an area and a transition group), so each kind is summed on its own.
 */
public final class Pyramids {

    private Pyramids() {
    }

    public static void assertChildrenAddUpToNoMore(JsonNode nodes) {
        nodes.forEach(n -> {
            Map<String, int[]> byKind = n.get("children").valueStream().collect(Collectors.groupingBy(Pyramids::kind,
                    Collectors.reducing(new int[2], c -> new int[] {c.get("members").asInt(), c.get("aged60Plus").asInt()},
                            (a, b) -> new int[] {a[0] + b[0], a[1] + b[1]})));
            byKind.forEach((kind, sum) -> {
                assertThat(sum[0]).as("%s children of %s", kind, n.get("id").asString())
                        .isLessThanOrEqualTo(n.get("members").asInt());
                assertThat(sum[1]).as("60+ of %s children of %s", kind, n.get("id").asString())
                        .isLessThanOrEqualTo(n.get("aged60Plus").asInt());
            });
            assertChildrenAddUpToNoMore(n.get("children"));
        });
    }

    private static String kind(JsonNode node) {
        JsonNode group = node.get("groupKind");
        return group == null || group.isNull() ? node.get("level").asString() : "GROUP " + group.asString();
    }
}
