package cn.qinglong.dangjian.command.shared;

import java.time.Clock;
import java.time.LocalDate;

public final class Dates {

    private Dates() {
    }

    /** Things that already happened cannot be dated in the future. */
    public static void notInFuture(String field, LocalDate date, Clock clock) {
        if (date != null && date.isAfter(LocalDate.now(clock))) {
            throw new RuleViolation(field + " " + date + " is in the future; only what already happened can be recorded");
        }
    }

    public static LocalDate orToday(LocalDate date, Clock clock) {
        return date != null ? date : LocalDate.now(clock);
    }
}
