package cn.qinglong.dangjian.kernel.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code LocalDate} record component as a business date: the day something already happened, as opposed
 * to when it was recorded. On an event, the first one (depth first, nested records included) is the event's
 * {@code occurredOn()}; on a command, every one is a date that cannot lie in the future ({@link BusinessDates}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface BusinessDate {
}
