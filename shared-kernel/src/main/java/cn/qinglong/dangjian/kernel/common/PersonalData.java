package cn.qinglong.dangjian.kernel.common;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the {@link Personal} declarations say, for those that act on them: the paths of a type's personal fields
 * (the store seals them, the integration feeds leave them out, the docs list them) and a record with its personal
 * parts erased (the member's folded state after the erasure).
 */
public final class PersonalData {

    /**
     * One personal field: a component ({@code phone}), a component of a nested record ({@code card.phone}), or each
     * element of a list ({@code households[]}, so that erasing keeps how many there were). Erased, a collection
     * reads empty ({@code emptyWhenErased}) and anything else null.
     */
    public record Path(String expression, boolean emptyWhenErased) {

        /** The objects to descend through before the field: {@code [card]} for {@code card.phone}. */
        public List<String> objects() {
            List<String> parts = List.of(expression.split("\\."));
            return parts.subList(0, parts.size() - 1);
        }

        /** The field's own name, without the objects above it or the {@code []}. */
        public String field() {
            String last = expression.substring(expression.lastIndexOf('.') + 1);
            return eachElement() ? last.substring(0, last.length() - 2) : last;
        }

        public boolean eachElement() {
            return expression.endsWith("[]");
        }

        /** The path as a field to remove whole: {@code households} for {@code households[]}. */
        public String whole() {
            return eachElement() ? expression.substring(0, expression.length() - 2) : expression;
        }
    }

    private static final ClassValue<List<Path>> PATHS = new ClassValue<>() {
        @Override
        protected List<Path> computeValue(Class<?> type) {
            List<Path> paths = new ArrayList<>();
            collect(type, "", paths);
            return List.copyOf(paths);
        }
    };

    private PersonalData() {
    }

    /** The personal paths of a type, in component order; empty for a type with none (or not a record). */
    public static List<Path> paths(Class<?> type) {
        return PATHS.get(type);
    }

    /**
     * The names of the top-level personal components of the given types ({@code phone}, {@code needs}, ...),
     * sorted: a folded state that copies such a component under the same name holds personal data there.
     */
    public static SortedSet<String> topLevelNames(Collection<Class<?>> types) {
        SortedSet<String> names = new TreeSet<>();
        for (Class<?> type : types) {
            for (Path path : paths(type)) {
                if (path.objects().isEmpty()) {
                    names.add(path.field());
                }
            }
        }
        return names;
    }

    /**
     * The record with its personal parts erased: each component marked {@link Personal} or named in
     * {@code alsoPersonal} erased (see {@link Path}), each component that is itself a record erased in turn.
     * Answers the record itself when nothing changes, and null for null.
     */
    public static <R extends Record> R erase(R record, Set<String> alsoPersonal) {
        if (record == null) {
            return null;
        }
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        boolean changed = false;
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            Object value = BusinessDates.invoke(component, record);
            Personal personal = component.getAnnotation(Personal.class);
            Object erased = value;
            if (value == null) {
                erased = null;
            } else if (personal != null && personal.eachElement() && value instanceof List<?> list) {
                erased = eachErased(list);
            } else if (personal != null || alsoPersonal.contains(component.getName())) {
                erased = erasedValue(component.getType());
            } else if (value instanceof Record nested) {
                erased = erase(nested, Set.of());
            }
            values[i] = erased;
            changed |= erased != value;
        }
        return changed ? construct(record, components, values) : record;
    }

    private static List<Object> eachErased(List<?> list) {
        return java.util.Collections.unmodifiableList(Arrays.asList(new Object[list.size()]));
    }

    private static Object erasedValue(Class<?> type) {
        if (Set.class.isAssignableFrom(type)) {
            return Set.of();
        }
        if (Collection.class.isAssignableFrom(type)) {
            return List.of();
        }
        if (type.isPrimitive()) {
            throw new IllegalStateException("a primitive cannot be personal data: " + type);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> R construct(R record, RecordComponent[] components, Object[] values) {
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return (R) canonical.newInstance(values);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException("cannot erase " + record.getClass().getName(), e);
        }
    }

    private static void collect(Class<?> type, String prefix, List<Path> paths) {
        if (!type.isRecord()) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Personal personal = component.getAnnotation(Personal.class);
            String name = prefix + component.getName();
            if (personal != null) {
                boolean collection = Collection.class.isAssignableFrom(component.getType());
                paths.add(personal.eachElement()
                        ? new Path(name + "[]", false)
                        : new Path(name, collection));
            } else if (component.getType().isRecord() && component.getType() != type) {
                collect(component.getType(), name + ".", paths);
            }
        }
    }
}
