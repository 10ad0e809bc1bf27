package org.fieldvae;

/**
 * Validation of settings at construction. Each check throws {@link IllegalArgumentException} whose
 * message names the setting, the value and the allowed range, e.g. {@code "grid = 2: must be >= 3"}.
 */
public final class Check {
    private Check() {
    }

    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw fail(name, value, "must be >= " + min);
        }
        return value;
    }

    public static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw fail(name, value, "must be in [" + min + ", " + max + "]");
        }
        return value;
    }

    public static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw fail(name, value, "must be finite and > 0");
        }
        return value;
    }

    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw fail(name, value, "must be finite and >= 0");
        }
        return value;
    }

    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw fail(name, value, "must be finite");
        }
        return value;
    }

    public static double inRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw fail(name, value, "must be in [" + min + ", " + max + "]");
        }
        return value;
    }

    /** @throws IllegalArgumentException with {@code name + ": " + rule} when the condition is false */
    public static void that(boolean condition, String name, String rule) {
        if (!condition) {
            throw new IllegalArgumentException(name + ": " + rule);
        }
    }

    private static IllegalArgumentException fail(String name, Object value, String rule) {
        return new IllegalArgumentException(name + " = " + value + ": " + rule);
    }
}
