package cn.qinglong.dangjian.kernel;

import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** An instance of any record of the published language, every component filled with a plain value. */
public final class Samples {

    public static final LocalDate DATE = LocalDate.of(2026, 11, 6);

    private Samples() {
    }

    public static <T> T of(Class<T> type) {
        return of(type, 0);
    }

    /** Variant 1 differs from variant 0 in every component: other texts and ids, earlier dates, flags set. */
    public static <T> T of(Class<T> type, int variant) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = Arrays.stream(components)
                .map(c -> value(c.getType(), c.getGenericType(), c.getName(), variant)).toArray();
        try {
            Constructor<T> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(Class<?> type, Type generic, String name, int variant) {
        if (type == String.class) {
            return (variant == 0 ? "the " : "another ") + name;
        }
        if (type == LocalDate.class) {
            return DATE.minusYears(variant);
        }
        if (type == YearMonth.class) {
            return YearMonth.from(DATE.minusYears(variant));
        }
        if (type == boolean.class) {
            return variant == 1;
        }
        if (type == long.class || type == Long.class) {
            return 200L - variant;
        }
        if (type == int.class) {
            return 1 + variant;
        }
        if (type == MemberId.class) {
            return MemberId.of(variant == 0 ? "m-sample" : "m-other");
        }
        if (type == OrganizationId.class) {
            return OrganizationId.of("o-" + name.toLowerCase() + variant);
        }
        if (type == StudyDayId.class) {
            return StudyDayId.of("sd-sample" + variant);
        }
        if (type == cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId.class) {
            return cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId.of("er-sample" + variant);
        }
        if (type == cn.qinglong.dangjian.kernel.suggestion.SuggestionId.class) {
            return cn.qinglong.dangjian.kernel.suggestion.SuggestionId.of("sg-sample" + variant);
        }
        if (type == cn.qinglong.dangjian.kernel.notice.NoticeId.class) {
            return cn.qinglong.dangjian.kernel.notice.NoticeId.of("notice-sample" + variant);
        }
        if (type == cn.qinglong.dangjian.kernel.meeting.MeetingId.class) {
            return cn.qinglong.dangjian.kernel.meeting.MeetingId.of("mtg-sample" + variant);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[variant % type.getEnumConstants().length];
        }
        if (type == Set.class || type == List.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            Object one = value((Class<?>) element, element, name, variant);
            return type == Set.class ? Set.of(one) : List.of(one);
        }
        if (type.isRecord()) {
            return of(type, variant);
        }
        throw new IllegalArgumentException("no sample for " + type + " " + name);
    }
}
