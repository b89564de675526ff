package cn.qinglong.dangjian.query.history;

import cn.qinglong.dangjian.security.StrictInput;
import cn.qinglong.dangjian.security.problem.InvalidInput;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The moment an auditor asks about, inclusive. An instant ({@code 2026-03-03T08:00:00Z}, or with an offset) is
 * taken as given; a date ({@code 2026-03-03}) means the end of that day and a local date-time
 * ({@code 2026-03-03T16:00}) that moment, both in the service's zone.
 */
record AsOf(Instant until) {

    static final String EXPECTED = "must be an ISO-8601 instant such as 2026-03-03T08:00:00Z, a date such as "
            + "2026-03-03 (the end of that day) or a local date-time such as 2026-03-03T16:00, in the service's zone";

    static AsOf parse(String text, ZoneId zone) {
        AsOf asOf = parseIn(text.trim(), zone);
        int year = asOf.until().atZone(zone).getYear();
        if (!StrictInput.yearInRange(year)) {
            throw new InvalidInput("asOf", "must lie between " + StrictInput.MIN_YEAR + " and " + StrictInput.MAX_YEAR);
        }
        return asOf;
    }

    private static AsOf parseIn(String value, ZoneId zone) {
        try {
            if (value.length() == 10) {
                return new AsOf(LocalDate.parse(value).plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1));
            }
            if (value.endsWith("Z") || value.endsWith("z")) {
                return new AsOf(Instant.parse(value.toUpperCase()));
            }
            if (value.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                return new AsOf(OffsetDateTime.parse(value).toInstant());
            }
            return new AsOf(LocalDateTime.parse(value).atZone(zone).toInstant());
        } catch (DateTimeException e) {
            throw new InvalidInput("asOf", EXPECTED);
        }
    }

    boolean includes(Instant recordedAt) {
        return !recordedAt.isAfter(until);
    }
}
