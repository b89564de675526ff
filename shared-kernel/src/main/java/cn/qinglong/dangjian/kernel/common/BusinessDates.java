package cn.qinglong.dangjian.kernel.common;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@link BusinessDate} components of a record, found once per record type. */
public final class BusinessDates {

    /** A business date of a record: its name (the component's, {@code card.verifiedOn} when nested) and value. */
    public record Dated(String name, LocalDate date) {
    }

    /** A way from the record to one business date: the accessors to call in turn. */
    private record Route(String name, List<RecordComponent> components) {

        LocalDate read(Record record) {
            Object value = record;
            for (RecordComponent component : components) {
                if (value == null) {
                    return null;
                }
                value = invoke(component, value);
            }
            return (LocalDate) value;
        }
    }

    private static final ClassValue<List<Route>> ROUTES = new ClassValue<>() {
        @Override
        protected List<Route> computeValue(Class<?> type) {
            List<Route> routes = new ArrayList<>();
            collect(type, "", new ArrayList<>(), routes);
            return List.copyOf(routes);
        }
    };

    private BusinessDates() {
    }

    /** Every business date of the record, in component order; a null date is left out. */
    public static List<Dated> of(Record record) {
        List<Dated> dates = new ArrayList<>();
        for (Route route : ROUTES.get(record.getClass())) {
            LocalDate date = route.read(record);
            if (date != null) {
                dates.add(new Dated(route.name(), date));
            }
        }
        return dates;
    }

    /** The record's first business date: the day an event's fact happened on. */
    public static LocalDate first(Record record) {
        List<Route> routes = ROUTES.get(record.getClass());
        if (routes.isEmpty()) {
            throw new IllegalStateException(record.getClass().getName() + " declares no @BusinessDate component");
        }
        return routes.get(0).read(record);
    }

    private static void collect(Class<?> type, String prefix, List<RecordComponent> path, List<Route> routes) {
        if (!type.isRecord()) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            List<RecordComponent> here = new ArrayList<>(path);
            here.add(component);
            if (component.isAnnotationPresent(BusinessDate.class)) {
                if (component.getType() != LocalDate.class) {
                    throw new IllegalStateException("@BusinessDate on " + type.getName() + "." + component.getName()
                            + ", which is not a LocalDate");
                }
                routes.add(new Route(prefix + component.getName(), List.copyOf(here)));
            } else if (component.getType().isRecord() && component.getType() != type) {
                collect(component.getType(), prefix + component.getName() + ".", here, routes);
            }
        }
    }

    static Object invoke(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
