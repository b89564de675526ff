package cn.qinglong.dangjian.query.projection;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;

/**
 * How values are kept in view documents: dates as ISO strings (they sort and compare as strings, on MongoDB and
 * on its stand-in alike), ids as their string value, enums by name; absent values are left out.
 */
public final class Bson {

    private Bson() {
    }

    public static void put(Document document, String field, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Enum<?> e) {
            document.put(field, e.name());
        } else if (value instanceof LocalDate || value instanceof YearMonth) {
            document.put(field, value.toString());
        } else if (value instanceof Collection<?> values) {
            List<Object> list = new ArrayList<>();
            for (Object v : values) {
                list.add(v instanceof Enum<?> e ? e.name() : v.toString());
            }
            document.put(field, list);
        } else if (value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Document || value instanceof List<?>) {
            document.put(field, value);
        } else {
            document.put(field, value.toString());
        }
    }

    public static LocalDate date(Document document, String field) {
        String value = document.getString(field);
        return value == null ? null : LocalDate.parse(value);
    }

    public static <T> T id(Document document, String field, Function<String, T> parse) {
        String value = document.getString(field);
        return value == null ? null : parse.apply(value);
    }

    public static <E extends Enum<E>> E enumValue(Document document, String field, Class<E> type) {
        String value = document.getString(field);
        return value == null ? null : Enum.valueOf(type, value);
    }

    public static <E extends Enum<E>> Set<E> enumSet(Document document, String field, Class<E> type) {
        List<String> values = document.getList(field, String.class, List.of());
        List<E> result = new ArrayList<>();
        values.forEach(value -> result.add(Enum.valueOf(type, value)));
        return cn.qinglong.dangjian.kernel.common.Enums.orderedSet(type, result);
    }

    public static int integer(Document document, String field) {
        Object value = document.get(field);
        return value == null ? 0 : ((Number) value).intValue();
    }

    public static Document copy(Document document) {
        return document == null ? new Document() : new Document(document);
    }
}
