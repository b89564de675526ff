package cn.qinglong.dangjian.query.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Ages, waiting times and overdue visits are counted to today in the subdistrict's time zone. */
@Component
public class Today {

    private final Clock clock;

    @Autowired
    public Today(@Value("${app.time-zone:Asia/Shanghai}") String zone) {
        this(Clock.system(ZoneId.of(zone)));
    }

    public Today(Clock clock) {
        this.clock = clock;
    }

    public ZonedDateTime now() {
        return ZonedDateTime.now(clock);
    }

    public LocalDate date() {
        return LocalDate.now(clock);
    }

    /** Members born on or before this date are {@code years} or older today. */
    public String bornOnOrBefore(int years) {
        return date().minusYears(years).toString();
    }
}
