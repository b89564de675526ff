package cn.qinglong.dangjian.security;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Request bodies' strings and dates, stricter than Jackson's defaults: a string must be a JSON string (no number or
 * boolean coerced into one) without control characters other than tab and line breaks (so no NUL bytes), and a
 * enum value must be spelled exactly (Jackson would trim it), and a
 * date must be an ISO date between {@value #MIN_YEAR} and {@value #MAX_YEAR}. Registered with Spring's JSON mapper,
 * which reads request bodies; the event store's serializer is a separate mapper.
 */
public final class StrictInput extends SimpleModule {

    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 2100;

    public StrictInput() {
        super("strict-input");
        addDeserializer(String.class, new Strings());
        addDeserializer(LocalDate.class, new Dates());
        addDeserializer(YearMonth.class, new Months());
        setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                               BeanDescription.Supplier description,
                                                               ValueDeserializer<?> deserializer) {
                return new ExactEnums(deserializer);
            }
        });
    }

    private static boolean clean(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Jackson trims an enum name it does not know and tries again; a name must match exactly. */
    private static final class ExactEnums extends DelegatingDeserializer {
        ExactEnums(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new ExactEnums(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                String text = parser.getString();
                if (!text.equals(text.strip()) || !clean(text)) {
                    return context.handleWeirdStringValue(handledType(), text, "not one of the accepted values");
                }
            }
            return super.deserialize(parser, context);
        }
    }

    private static final class Strings extends ValueDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getString();
            if (!clean(text)) {
                return (String) context.handleWeirdStringValue(String.class, text, "control characters are not allowed");
            }
            return text;
        }
    }

    private static final class Months extends ValueDeserializer<YearMonth> {
        @Override
        public YearMonth deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (YearMonth) context.handleUnexpectedToken(YearMonth.class, parser);
            }
            String text = parser.getString();
            YearMonth month;
            try {
                month = YearMonth.parse(text);
            } catch (DateTimeParseException e) {
                return (YearMonth) context.handleWeirdStringValue(YearMonth.class, text, "not an ISO month (yyyy-MM)");
            }
            if (month.getYear() < MIN_YEAR || month.getYear() > MAX_YEAR) {
                return (YearMonth) context.handleWeirdStringValue(YearMonth.class, text,
                        "months must lie between " + MIN_YEAR + " and " + MAX_YEAR);
            }
            return month;
        }
    }

    /** Numbers and booleans must be JSON numbers and booleans, not strings Jackson would trim and convert. */
    public static void noScalarsFromStrings(tools.jackson.databind.json.JsonMapper.Builder builder) {
        for (LogicalType type : new LogicalType[]{LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            builder.withCoercionConfig(type, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail));
        }
    }

    private static final class Dates extends ValueDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            String text = parser.getString();
            LocalDate date;
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, "not an ISO date (yyyy-MM-dd)");
            }
            if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text,
                        "dates must lie between " + MIN_YEAR + " and " + MAX_YEAR);
            }
            return date;
        }
    }
}
