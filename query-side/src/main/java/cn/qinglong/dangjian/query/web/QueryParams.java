package cn.qinglong.dangjian.query.web;

import cn.qinglong.dangjian.kernel.common.Ids;
import cn.qinglong.dangjian.security.StrictInput;
import cn.qinglong.dangjian.security.problem.InvalidInput;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** Parses query parameters so that a bad value is a 400 naming the parameter, never a 500. */
public final class QueryParams {

    public static final int MAX_PAGE_SIZE = 500;

    private QueryParams() {
    }

    public record Paging(int page, int size) {
        public int skip() {
            return page * size;
        }
    }

    public static Paging paging(String page, String size) {
        int p = page == null ? 0 : intInRange("page", page, 0, 1_000_000);
        int s = size == null ? 50 : intInRange("size", size, 1, MAX_PAGE_SIZE);
        return new Paging(p, s);
    }

    public static long nonNegativeLong(String name, String value) {
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new InvalidInput(name, "must be a whole number of 0 or more");
    }

    public static int intInRange(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new InvalidInput(name, "must be a whole number from " + min + " to " + max);
    }

    public static Integer optionalInt(String name, String value, int min, int max) {
        return value == null || value.isBlank() ? null : intInRange(name, value, min, max);
    }

    public static String id(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Ids.requireValid(name, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(name, e.getMessage());
        }
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A date such as 2026-11-27, or a month such as 2026-11 (its first day, or its last when {@code end}). */
    public static LocalDate dateOrMonth(String name, String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            if (!StrictInput.DATE.matcher(value).matches() && !StrictInput.MONTH.matcher(value).matches()) {
                throw new DateTimeParseException("not yyyy-MM-dd or yyyy-MM", value, 0);
            }
            if (value.length() == 7) {
                YearMonth month = YearMonth.parse(value);
                date = end ? month.atEndOfMonth() : month.atDay(1);
            } else {
                date = LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            throw new InvalidInput(name, "must be a date such as 2026-11-27 or a month such as 2026-11");
        }
        if (!StrictInput.yearInRange(date.getYear())) {
            throw new InvalidInput(name, "must lie between " + StrictInput.MIN_YEAR + " and " + StrictInput.MAX_YEAR);
        }
        return date;
    }
}
