package cn.qinglong.dangjian.kernel.common;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

public final class Enums {

    private Enums() {
    }

    /** An immutable set that always iterates in declaration order, so serialized events are stable. */
    public static <E extends Enum<E>> Set<E> orderedSet(Class<E> type, Collection<E> values) {
        EnumSet<E> set = EnumSet.noneOf(type);
        if (values != null) {
            values.forEach(value -> set.add(java.util.Objects.requireNonNull(value, type.getSimpleName())));
        }
        return Collections.unmodifiableSet(set);
    }
}
