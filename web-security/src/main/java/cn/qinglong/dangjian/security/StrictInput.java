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

    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2100;
    /** Exactly ISO's four-digit forms: no sign, no longer year ({@code +002026-01-01} parses, but is not accepted). */
    public static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    public static final java.util.regex.Pattern MONTH = java.util.regex.Pattern.compile("\\d{4}-\\d{2}");

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

    /** Whether a year is one a date of this service may name (every date-like field, bodies and parameters alike). */
    public static boolean yearInRange(int year) {
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    /**
     * Well-formed text: no control character of C0, DEL or C1 ({@code U+0080}-{@code U+009F}, such as NEL
     * {@code U+0085}) but tab and line breaks ({@code \n}, {@code \r\n}), and no lone UTF-16 surrogate (a JSON
     * {@code "\ud800"} decodes to one; it is not a character and breaks strict readers of the history and the stream).
     */
    public static boolean clean(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue;
            }
            if (c == '\t' || c == '\n' || c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            }
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
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
                return (String) context.handleWeirdStringValue(String.class, text,
                        "control characters (but tab and line breaks) and lone surrogates are not allowed");
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
                if (!MONTH.matcher(text).matches()) {
                    throw new DateTimeParseException("not yyyy-MM", text, 0);
                }
                month = YearMonth.parse(text);
            } catch (DateTimeParseException e) {
                return (YearMonth) context.handleWeirdStringValue(YearMonth.class, text, "not an ISO month (yyyy-MM)");
            }
            if (!yearInRange(month.getYear())) {
                return (YearMonth) context.handleWeirdStringValue(YearMonth.class, text,
                        "months must lie between " + MIN_YEAR + " and " + MAX_YEAR);
            }
            return month;
        }
    }

    /**
     * Strict JSON for request bodies: numbers and booleans must be JSON numbers and booleans, not strings Jackson
     * would trim and convert; an integer field takes only an integer ({@code 1.5}, {@code 1.0} and {@code 1e2} are
     * refused, not truncated); a key may appear once in an object (not "the last one wins").
     */
    public static void noScalarsFromStrings(tools.jackson.databind.json.JsonMapper.Builder builder) {
        for (LogicalType type : new LogicalType[]{LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            builder.withCoercionConfig(type, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail));
        }
        builder.withCoercionConfig(LogicalType.Integer, config -> config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
        builder.disable(tools.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        builder.enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION);
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
                if (!DATE.matcher(text).matches()) {
                    throw new DateTimeParseException("not yyyy-MM-dd", text, 0);
                }
                date = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, "not an ISO date (yyyy-MM-dd)");
            }
            if (!yearInRange(date.getYear())) {
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text,
                        "dates must lie between " + MIN_YEAR + " and " + MAX_YEAR);
            }
            return date;
        }
    }
}
