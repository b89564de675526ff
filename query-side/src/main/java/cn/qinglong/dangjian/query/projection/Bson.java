package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.kernel.common.Enums;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * How values are kept in view documents: dates as ISO strings (they sort and compare as strings, on MongoDB and
 * on its stand-in alike), ids (records of one component) as their string value, enums by name, other records as
 * documents of their components; absent values are left out.
 */
public final class Bson {

    private Bson() {
    }

    /** A record type's components, accessors and canonical constructor, looked up once. */
    private record Shape(String[] names, Type[] types, MethodHandle[] accessors, Constructor<?> constructor) {
        boolean isId() {
            return names.length == 1;
        }
    }

    // The JDK builds new reflection objects at every getRecordComponents() call; a fold calls it at every event.
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            Type[] types = new Type[components.length];
            Class<?>[] raw = new Class<?>[components.length];
            MethodHandle[] accessors = new MethodHandle[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    names[i] = components[i].getName();
                    types[i] = components[i].getGenericType();
                    raw[i] = components[i].getType();
                    accessors[i] = MethodHandles.publicLookup().unreflect(accessible(components[i].getAccessor()))
                            .asType(MethodType.methodType(Object.class, Record.class));
                }
                return new Shape(names, types, accessors, accessible(type.getDeclaredConstructor(raw)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read the record " + type.getSimpleName(), e);
            }
        }
    };

    private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
        member.setAccessible(true);
        return member;
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
                list.add(v instanceof Enum<?> e ? e.name()
                        : v instanceof Record r && !SHAPES.get(r.getClass()).isId() ? document(r)
                        : v.toString());
            }
            document.put(field, list);
        } else if (value instanceof Record record && !SHAPES.get(record.getClass()).isId()) {
            document.put(field, document(record));
        } else if (value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Document || value instanceof List<?>) {
            document.put(field, value);
        } else {
            document.put(field, value.toString());
        }
    }

    /** The record as a document: each component under its own name, kept as {@link #put} keeps it. */
    public static Document document(Record record) {
        Shape shape = SHAPES.get(record.getClass());
        Document document = new Document();
        for (int i = 0; i < shape.names().length; i++) {
            put(document, shape.names()[i], component(shape, i, record));
        }
        return document;
    }

    /**
     * The record as {@link #document} keeps it, re-encoding only the components that changed since {@code previous},
     * whose document is {@code previousDocument}: a component that is the same object as in {@code previous} keeps
     * its stored form. Folding one event changes a component or two of a state with dozens.
     */
    static <R extends Record> Document document(R record, R previous, Document previousDocument) {
        if (previous == null || previousDocument == null) {
            return document(record);
        }
        Shape shape = SHAPES.get(record.getClass());
        Document document = new Document();
        for (int i = 0; i < shape.names().length; i++) {
            Object value = component(shape, i, record);
            Object stored = value != null && value == component(shape, i, previous)
                    ? previousDocument.get(shape.names()[i]) : null;
            if (stored != null) {
                document.put(shape.names()[i], stored);
            } else {
                put(document, shape.names()[i], value);
            }
        }
        return document;
    }

    private static Object component(Shape shape, int index, Record record) {
        try {
            return (Object) shape.accessors()[index].invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) { // a record's accessor declares no checked exception
            throw new IllegalStateException(e);
        }
    }

    /** The record {@link #document} kept: each component read back by its declared type. */
    public static <R extends Record> R record(Document document, Class<R> type) {
        Shape shape = SHAPES.get(type);
        Object[] values = new Object[shape.names().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(document.get(shape.names()[i]), shape.types()[i]);
        }
        return construct(type, values);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(Object stored, Type type) {
        Class<?> raw = (Class<?>) (type instanceof ParameterizedType p ? p.getRawType() : type);
        if (raw == boolean.class) {
            return Boolean.TRUE.equals(stored);
        }
        if (raw == int.class || raw == long.class) {
            long number = stored == null ? 0 : ((Number) stored).longValue();
            return raw == int.class ? (Object) (int) number : (Object) number;
        }
        if (stored == null) {
            return raw == Set.class ? value(List.of(), type) : null;
        }
        if (raw == Set.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> values = new ArrayList<>();
            ((List<?>) stored).forEach(v -> values.add(value(v, element)));
            return element instanceof Class<?> c && c.isEnum() ? Enums.orderedSet((Class) c, (List) values)
                    : new LinkedHashSet<>(values);
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> values = new ArrayList<>();
            ((List<?>) stored).forEach(v -> values.add(value(v, element)));
            return values;
        }
        if (raw == LocalDate.class) {
            return LocalDate.parse((String) stored);
        }
        if (raw == YearMonth.class) {
            return YearMonth.parse((String) stored);
        }
        if (raw.isEnum()) {
            return Enum.valueOf((Class) raw, (String) stored);
        }
        if (raw.isRecord() && stored instanceof Document nested) {
            return record(nested, (Class<? extends Record>) raw);
        }
        if (raw.isRecord()) {
            return construct(raw, new Object[] {stored});
        }
        return stored;
    }

    private static <T> T construct(Class<T> type, Object[] values) {
        try {
            return type.cast(SHAPES.get(type).constructor().newInstance(values));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read a " + type.getSimpleName() + " from its document", e);
        }
    }

    public static Document copy(Document document) {
        return document == null ? new Document() : new Document(document);
    }
}
