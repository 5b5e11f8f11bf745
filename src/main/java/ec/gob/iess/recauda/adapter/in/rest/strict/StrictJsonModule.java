package ec.gob.iess.recauda.adapter.in.rest.strict;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How every request body is read, for every field present and future: one rule per JSON type, applied where JSON
 * is read, so that no resource has to remember it.
 *
 * <ul>
 *   <li>Text is a JSON string (a number or a boolean is not text) holding valid Unicode with no control character
 *       (U+0000–U+001F) and no unpaired surrogate; fields marked {@link MultiLine} may also hold tab and line feed.
 *       PostgreSQL cannot store U+0000, and a lone surrogate would come back as {@code ?}.</li>
 *   <li>A whole number is a JSON integer within the type's range: {@code 12.9}, {@code 12.0}, {@code 1e1} and
 *       {@code "12"} are not 12.</li>
 *   <li>A boolean is {@code true} or {@code false}, nothing else.</li>
 *   <li>A date is a string {@code YYYY-MM-DD} that exists; a date-time an RFC 3339 string with seconds and an
 *       offset ({@code 2024-03-15T10:30:00-05:00}); a number is neither.</li>
 *   <li>An enum value is one of its names exactly: not trimmed, not another case, not a number.</li>
 * </ul>
 * A field that breaks its rule is recorded with its path in the API's words ({@code items[3].debtorName}) and
 * reading goes on; once the whole body is read, an {@link InvalidFieldsException} lists every such field. A body
 * of the wrong shape (an object where a list goes) stops reading there and is reported the same way.
 */
public final class StrictJsonModule extends SimpleModule {

    private static final Object VIOLATIONS = new Object();

    public StrictJsonModule() {
        super("recauda-strict-json");
        addDeserializer(String.class, new Text(false));
        addDeserializer(Integer.class, new Whole<>(Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE,
                Long::intValue, null));
        addDeserializer(Integer.TYPE, new Whole<>(Integer.TYPE, Integer.MIN_VALUE, Integer.MAX_VALUE,
                Long::intValue, 0));
        addDeserializer(Long.class, new Whole<>(Long.class, Long.MIN_VALUE, Long.MAX_VALUE, v -> v, null));
        addDeserializer(Long.TYPE, new Whole<>(Long.TYPE, Long.MIN_VALUE, Long.MAX_VALUE, v -> v, 0L));
        addDeserializer(Boolean.class, new Bool(Boolean.class, null));
        addDeserializer(Boolean.TYPE, new Bool(Boolean.TYPE, false));
        addDeserializer(LocalDate.class, new Dated<>(LocalDate.class, LocalDate::parse, DATE));
        addDeserializer(OffsetDateTime.class, new Dated<>(OffsetDateTime.class,
                t -> OffsetDateTime.parse(t, RFC_3339), DATE_TIME));
        addDeserializer(Instant.class, new Dated<>(Instant.class, t -> OffsetDateTime.parse(t, RFC_3339).toInstant(),
                DATE_TIME));
        setDeserializerModifier(new Modifier());
    }

    /**
     * An RFC 3339 date-time, the contract's {@code date-time}: seconds are required (Java's ISO parser would take
     * {@code 10:30-05:00}), a fraction of up to nine digits is allowed, and the offset is {@code Z} or
     * {@code ±HH:MM}.
     */
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter().withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);
    private static final String DATE = "a date that exists, as YYYY-MM-DD (e.g. 2024-03-15)";
    private static final String DATE_TIME = "a date-time with its offset, e.g. 2024-03-15T10:30:00-05:00";

    /**
     * What is wrong with {@code text} as a request string, or null when it is acceptable: control characters
     * (except tab and line feed when {@code multiLine}) and unpaired surrogates are refused.
     */
    public static String textProblem(String text, boolean multiLine) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && !(multiLine && (c == '\t' || c == '\n'))) {
                return String.format("contains the control character U+%04X at position %d; only printable text"
                        + " is accepted%s", (int) c, i + 1, multiLine ? " (tab and line feed are allowed here)" : "");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("contains an unpaired surrogate U+%04X at position %d; send valid Unicode text",
                        (int) c, i + 1);
            }
        }
        return null;
    }

    /** The API's word for what a field of {@code type} must be. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a value of the documented type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Integer.class || type == Integer.TYPE || type == Long.class || type == Long.TYPE
                || type == Short.class || type == Short.TYPE) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == Boolean.TYPE) {
            return "true or false";
        }
        if (type == LocalDate.class) {
            return DATE;
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return DATE_TIME;
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    /**
     * A Jackson failure in the API's words: the field's path and what it must be, never a Java class or parser text.
     */
    public static InvalidFieldsException.Violation describe(JsonMappingException e) {
        String field = path(e.getPath());
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (e instanceof InvalidFormatException f) {
            target = f.getTargetType();
        }
        String message = target != null ? "must be " + expected(target) : "has a value this field does not accept";
        return new InvalidFieldsException.Violation(field.isEmpty() ? "body" : field, message);
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String path(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        if (context != null && (p.hasToken(JsonToken.START_OBJECT) || p.hasToken(JsonToken.START_ARRAY))) {
            context = context.getParent();
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined.isEmpty() ? "body" : joined;
    }

    /** The violations of one read, kept in the read's own context. */
    private static final class Violations {
        private final List<InvalidFieldsException.Violation> found = new ArrayList<>();
        private int depth;

        static Violations of(DeserializationContext ctxt) {
            Violations v = (Violations) ctxt.getAttribute(VIOLATIONS);
            if (v == null) {
                v = new Violations();
                ctxt.setAttribute(VIOLATIONS, v);
            }
            return v;
        }
    }

    /** Records that the value under the parser breaks its rule, skips it, and goes on with a placeholder. */
    private static <T> T reject(JsonParser p, DeserializationContext ctxt, String message, T placeholder)
            throws IOException {
        Violations violations = Violations.of(ctxt);
        violations.found.add(new InvalidFieldsException.Violation(path(p), message));
        if (violations.depth == 0) {
            throw new InvalidFieldsException(p, violations.found);
        }
        if (p.hasToken(JsonToken.START_OBJECT) || p.hasToken(JsonToken.START_ARRAY)) {
            p.skipChildren();
        }
        return placeholder;
    }

    /**
     * A JSON null: absent for a wrapper type (null), refused for a primitive one (whose {@code placeholder} is not
     * null), since a primitive field has no way to say "absent".
     */
    private static <T> T nullFor(DeserializationContext ctxt, String message, T placeholder)
            throws JsonMappingException {
        if (placeholder == null) {
            return null;
        }
        try {
            return reject(ctxt.getParser(), ctxt, message, placeholder);
        } catch (IOException e) {
            throw JsonMappingException.fromUnexpectedIOE(e);
        }
    }

    private static final class Text extends StdScalarDeserializer<String> implements ContextualDeserializer {
        private final boolean multiLine;

        Text(boolean multiLine) {
            super(String.class);
            this.multiLine = multiLine;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            boolean wanted = property != null && property.getAnnotation(MultiLine.class) != null;
            return wanted == multiLine ? this : new Text(wanted);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return reject(p, ctxt, "must be a string", null);
            }
            String text = p.getText();
            String problem = textProblem(text, multiLine);
            return problem == null ? text : reject(p, ctxt, problem, null);
        }
    }

    private static final class Whole<T> extends StdScalarDeserializer<T> {
        private final long min;
        private final long max;
        private final transient Function<Long, T> convert;
        private final T placeholder;

        Whole(Class<T> type, long min, long max, Function<Long, T> convert, T placeholder) {
            super(type);
            this.min = min;
            this.max = max;
            this.convert = convert;
            this.placeholder = placeholder;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                return reject(p, ctxt, "must be a whole number (a JSON integer such as 12, not 12.5 or \"12\")",
                        placeholder);
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || p.getLongValue() < min || p.getLongValue() > max) {
                return reject(p, ctxt, "is out of range", placeholder);
            }
            return convert.apply(p.getLongValue());
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return nullFor(ctxt, "must be a whole number, not null", placeholder);
        }
    }

    private static final class Bool extends StdScalarDeserializer<Boolean> {
        private final Boolean placeholder;

        Bool(Class<Boolean> type, Boolean placeholder) {
            super(type);
            this.placeholder = placeholder;
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_TRUE)) {
                return Boolean.TRUE;
            }
            if (p.hasToken(JsonToken.VALUE_FALSE)) {
                return Boolean.FALSE;
            }
            return reject(p, ctxt, "must be true or false", placeholder);
        }

        @Override
        public Boolean getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return nullFor(ctxt, "must be true or false, not null", placeholder);
        }
    }

    private static final class Dated<T> extends StdScalarDeserializer<T> {
        private final transient Function<String, T> parse;
        private final String expected;

        Dated(Class<T> type, Function<String, T> parse, String expected) {
            super(type);
            this.parse = parse;
            this.expected = expected;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                try {
                    return parse.apply(p.getText());
                } catch (DateTimeException e) {
                    // reported below
                }
            }
            return reject(p, ctxt, "must be " + expected, null);
        }
    }

    private static final class StrictEnum extends StdScalarDeserializer<Object> {
        private final Map<String, Object> byName = new LinkedHashMap<>();
        private final String expected;

        StrictEnum(Class<?> type) {
            super(type);
            for (Object constant : type.getEnumConstants()) {
                byName.put(((Enum<?>) constant).name(), constant);
            }
            this.expected = "must be one of " + byName.keySet();
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = p.hasToken(JsonToken.VALUE_STRING) ? byName.get(p.getText()) : null;
            return value != null ? value : reject(p, ctxt, expected, null);
        }
    }

    /**
     * Wraps every object's reader: the outermost one throws the collected violations once the body is read, and
     * turns a failure that stopped reading (a body of the wrong shape) into one more violation.
     */
    private static final class Collecting extends DelegatingDeserializer {
        Collecting(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Collecting(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Violations violations = Violations.of(ctxt);
            violations.depth++;
            Object value;
            try {
                value = _delegatee.deserialize(p, ctxt);
            } catch (InvalidFieldsException e) {
                throw e;
            } catch (JsonMappingException e) {
                if (violations.depth > 1) {
                    throw e;
                }
                if (e.getCause() instanceof StreamReadException notJson) {
                    throw notJson; // the body is not JSON at all (bad syntax, bad UTF-8): not a field's fault
                }
                if (e.getCause() != null && !(e.getCause() instanceof JacksonException)
                        && !(e instanceof ValueInstantiationException)) {
                    throw e; // reading the body failed (its size limit, say): not a field's fault
                }
                violations.found.add(describe(e));
                throw new InvalidFieldsException(p, violations.found);
            } finally {
                violations.depth--;
            }
            if (violations.depth == 0 && !violations.found.isEmpty()) {
                throw new InvalidFieldsException(p, violations.found);
            }
            return value;
        }
    }

    private static final class Modifier extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            return deserializer instanceof BeanDeserializerBase ? new Collecting(deserializer) : deserializer;
        }

        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                          BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
            return new StrictEnum(type.getRawClass());
        }
    }
}
