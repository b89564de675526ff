package cn.qinglong.dangjian.query.points;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The versioned rule table (configuration {@code query.points.version} and {@code query.points.rows.<fact>=<points>}):
 * rows given replace the default's points for their facts, the others keep the default (a row of 0 drops a fact).
 * Points are applied when a view is read, never stored, so a changed table re-scores everyone from their whole
 * history at once (a rebuild gives the same). A changed table must carry a new version, so every breakdown names the
 * table that scored it: a table that differs from the default under the default's version refuses to start.
 */
@ConfigurationProperties("query.points")
public record PointsTable(@DefaultValue(DEFAULT_VERSION) String version, Map<String, Integer> rows) {

    public static final String DEFAULT_VERSION = "1";

    public PointsTable {
        rows = rows == null ? Map.of() : Map.copyOf(new TreeMap<>(rows));
        rows.keySet().forEach(fact -> PointsFact.named(fact).orElseThrow(() -> new IllegalArgumentException(
                "query.points.rows." + fact + ": no such fact; the facts are "
                        + java.util.Arrays.stream(PointsFact.values()).map(PointsFact::fact).toList())));
        if (DEFAULT_VERSION.equals(version) && !defaults(rows)) {
            throw new IllegalArgumentException("query.points: a table other than the default needs its own version "
                    + "(query.points.version), not " + DEFAULT_VERSION);
        }
    }

    /** The default table of docs/points.md. */
    public static PointsTable defaultTable() {
        return new PointsTable(DEFAULT_VERSION, Map.of());
    }

    public int points(PointsFact fact) {
        Integer configured = rows.get(fact.fact());
        return configured != null ? configured : fact.defaultPoints();
    }

    /** Every fact's points under this table. */
    public Map<PointsFact, Integer> all() {
        Map<PointsFact, Integer> all = new EnumMap<>(PointsFact.class);
        for (PointsFact fact : PointsFact.values()) {
            all.put(fact, points(fact));
        }
        return all;
    }

    private static boolean defaults(Map<String, Integer> rows) {
        return rows.entrySet().stream()
                .allMatch(row -> PointsFact.named(row.getKey()).orElseThrow().defaultPoints() == row.getValue());
    }
}
