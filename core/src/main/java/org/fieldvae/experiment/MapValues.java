package org.fieldvae.experiment;

import java.util.Locale;
import java.util.Map;

import org.fieldvae.Check;

/**
 * Typed reads of a {@code run.json} map ({@link RunSettings#toMap()}), each naming the key that is missing or
 * malformed, for the groups of {@link RunSettings} to read their keys.
 */
final class MapValues {

    private MapValues() {
    }

    static Object value(Map<String, ?> m, String key) {
        Object v = m.get(key);
        Check.that(v != null, key, "is missing");
        return v;
    }

    static int integer(Map<String, ?> m, String key) {
        long l = longInteger(m, key);
        Check.that(l == (int) l, key + " = " + l, "must fit in an int");
        return (int) l;
    }

    static long longInteger(Map<String, ?> m, String key) {
        Object v = value(m, key);
        Check.that(v instanceof Integer || v instanceof Long, key + " = " + v, "must be an integer");
        return ((Number) v).longValue();
    }

    static double number(Map<String, ?> m, String key) {
        Object v = value(m, key);
        Check.that(v instanceof Number, key + " = " + v, "must be a number");
        return ((Number) v).doubleValue();
    }

    static String text(Map<String, ?> m, String key) {
        Object v = value(m, key);
        Check.that(v instanceof String, key + " = " + v, "must be a string");
        return (String) v;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, Map<String, ?> m, String key) {
        String v = text(m, key);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.replace('-', '_'))) {
                return e;
            }
        }
        throw new IllegalArgumentException(key + " = " + v + ": must be one of "
                + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }
}
