package cn.qinglong.dangjian.kernel.meeting;

import java.time.LocalDate;
import java.time.YearMonth;

/** How often a kind of meeting is required: once in each calendar month, quarter or year. */
public enum Frequency {
    MONTHLY("每月", 1),
    QUARTERLY("每季度", 3),
    YEARLY("每年", 12);

    private final String label;
    private final int months;

    Frequency(String label, int months) {
        this.label = label;
        this.months = months;
    }

    public String label() {
        return label;
    }

    /** The first day of the period the date falls in. */
    public LocalDate periodStart(LocalDate date) {
        int month = (date.getMonthValue() - 1) / months * months + 1;
        return LocalDate.of(date.getYear(), month, 1);
    }

    /** The last day of the period starting on {@code start}. */
    public LocalDate periodEnd(LocalDate start) {
        return YearMonth.from(start).plusMonths(months - 1L).atEndOfMonth();
    }

    /** The period's name: {@code 2026-03}, {@code 2026-Q1} or {@code 2026}. */
    public String periodName(LocalDate start) {
        return switch (this) {
            case MONTHLY -> YearMonth.from(start).toString();
            case QUARTERLY -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case YEARLY -> String.valueOf(start.getYear());
        };
    }
}
