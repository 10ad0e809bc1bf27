package org.fieldvae.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.fieldvae.InvalidInputException;

/**
 * A sweep: a grid of {@link RunSettings} values, one trial per point of the Cartesian product of the values.
 *
 * <p>The spec is a text file, one {@code key = value[, value...]} per line, {@code #} starts a comment. A
 * key is a {@link RunSettings#toMap()} key ({@code grid}, {@code modes}, {@code dist}, {@code train_samples},
 * {@code label_fraction}, {@code prior}, {@code epochs}, {@code rec_epochs}, {@code batch}, {@code seed}, ...,
 * hyphens allowed for underscores) or one of the quickstart's option names: {@code samples} sets the training
 * and the test samples, {@code labels} the labelled fraction. An integer value may be a range {@code a..b}
 * (both ends included); a value holding commas (a {@code dist} spec) is written in double quotes. Keys not
 * given keep the quickstart's defaults ({@link RunSettings#quickstartDefaults()}). Every key with more than
 * one value is an axis; trials are named after their axis values in file order, e.g.
 * {@code samples=64_seed=3}.
 * <pre>
 * # S_D against the training-set size, ten seeds each (paper Section 5)
 * grid = 17
 * samples = 64, 128
 * epochs = 40
 * seed = 1..10
 * </pre>
 */
public final class SweepSpec {
    /** Most trials one spec may expand to: a typo such as {@code seed = 1..100000} fails at once. */
    public static final int MAX_TRIALS = 100_000;
    /** Aliases of the quickstart's option names: each sets the listed RunSettings keys to the same value. */
    private static final Map<String, List<String>> ALIASES = Map.of(
            "samples", List.of("train_samples", "test_samples"),
            "labels", List.of("label_fraction"));

    private final String source;
    private final String text;
    private final Map<String, List<String>> values;
    private final Map<String, Integer> lines;
    private final List<Trial> trials;

    /**
     * One point of the grid.
     *
     * @param name       the run folder's name inside the sweep folder, from the axis values
     * @param axisValues the value of every axis, in file order (the settings key as written in the spec)
     * @param settings   the trial's complete settings
     */
    public record Trial(String name, Map<String, String> axisValues, RunSettings settings) {
        public Trial {
            axisValues = Collections.unmodifiableMap(new LinkedHashMap<>(axisValues));
        }

        /** The axis values without {@code seed}: the setting this trial is one seed of. */
        public Map<String, String> setting() {
            Map<String, String> m = new LinkedHashMap<>(axisValues);
            m.remove("seed");
            return m;
        }
    }

    private SweepSpec(String source, String text, Map<String, List<String>> values, Map<String, Integer> lines) {
        this.source = source;
        this.text = text;
        this.values = values;
        this.lines = lines;
        this.trials = expand();
    }

    /** @throws InvalidInputException naming the file (and line) when it is missing or not a valid spec */
    public static SweepSpec read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("sweep spec " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sweep spec " + file, e);
        }
    }

    /**
     * @param text   the spec
     * @param source what to call it in error messages (the file name)
     * @throws InvalidInputException naming source and line for a malformed line, an unknown key, a repeated key,
     *                               a bad value, or a spec without any setting
     */
    public static SweepSpec parse(String text, String source) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        String[] all = text.split("\r?\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = stripComment(all[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            int lineNumber = i + 1;
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw error(source, lineNumber, "expected 'key = value[, value...]', got '" + line + "'");
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT).replace('-', '_');
            if (!ALIASES.containsKey(key) && !RunSettings.quickstartDefaults().toMap().containsKey(key)) {
                throw error(source, lineNumber, "unknown key '" + key + "'; known: " + knownKeys());
            }
            if (values.containsKey(key)) {
                throw error(source, lineNumber, "key '" + key + "' is given twice (first on line " + lines.get(key) + ")");
            }
            List<String> v = new ArrayList<>();
            for (String item : splitValues(line.substring(eq + 1), source, lineNumber)) {
                v.addAll(expandRange(key, item, source, lineNumber));
            }
            if (v.isEmpty()) {
                throw error(source, lineNumber, "key '" + key + "' has no value");
            }
            for (String value : v) {
                try {
                    apply(RunSettings.quickstartDefaults().toMap(), key, value);
                } catch (IllegalArgumentException e) {
                    throw error(source, lineNumber, key + " = " + value + ": " + e.getMessage());
                }
            }
            values.put(key, List.copyOf(v));
            lines.put(key, lineNumber);
        }
        if (values.isEmpty()) {
            throw new InvalidInputException("sweep spec " + source + ": empty grid (no 'key = value' line)");
        }
        checkEachValue(values, lines, source);
        return new SweepSpec(source, text, values, lines);
    }

    /**
     * Checks the first value of every key together, then every other value in place of its key's first, so a
     * bad value is reported on its line: the line of the setting the error names, else of the value changed.
     */
    private static void checkEachValue(Map<String, List<String>> values, Map<String, Integer> lines, String source) {
        Map<String, Object> first = RunSettings.quickstartDefaults().toMap();
        values.forEach((k, v) -> apply(first, k, v.get(0)));
        try {
            RunSettings.fromMap(first);
        } catch (IllegalArgumentException x) {
            String named = namedKey(x.getMessage(), values.keySet());
            if (named != null) {
                throw error(source, lines.get(named), named + " = " + values.get(named).get(0) + ": " + x.getMessage());
            }
            for (Map.Entry<String, List<String>> e : values.entrySet()) {
                Map<String, Object> alone = RunSettings.quickstartDefaults().toMap();
                apply(alone, e.getKey(), e.getValue().get(0));
                try {
                    RunSettings.fromMap(alone);
                } catch (IllegalArgumentException y) {
                    throw error(source, lines.get(e.getKey()), e.getKey() + " = " + e.getValue().get(0) + ": "
                            + y.getMessage());
                }
            }
            throw new InvalidInputException("sweep spec " + source + ": the first values do not go together: "
                    + x.getMessage(), x);
        }
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            for (String value : e.getValue().subList(1, e.getValue().size())) {
                Map<String, Object> m = new LinkedHashMap<>(first);
                apply(m, e.getKey(), value);
                try {
                    RunSettings.fromMap(m);
                } catch (IllegalArgumentException x) {
                    throw error(source, lines.get(e.getKey()), e.getKey() + " = " + value + ": " + x.getMessage());
                }
            }
        }
    }

    /** The spec key whose RunSettings component (camelCase) an error message starts with, or null. */
    private static String namedKey(String message, Iterable<String> keys) {
        for (String key : keys) {
            for (String k : ALIASES.getOrDefault(key, List.of(key))) {
                StringBuilder camel = new StringBuilder();
                boolean up = false;
                for (char c : k.toCharArray()) {
                    if (c == '_') {
                        up = true;
                    } else {
                        camel.append(up ? Character.toUpperCase(c) : c);
                        up = false;
                    }
                }
                if (message != null && (message.startsWith(camel + " ") || message.startsWith(k + " "))) {
                    return key;
                }
            }
        }
        return null;
    }

    /** The keys with more than one value, in file order. */
    public List<String> axes() {
        List<String> a = new ArrayList<>();
        values.forEach((k, v) -> {
            if (v.size() > 1) {
                a.add(k);
            }
        });
        return a;
    }

    /** Every key of the spec with its values (ranges expanded), in file order. */
    public Map<String, List<String>> settings() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Where the spec came from (its file name), as error messages name it. */
    public String source() {
        return source;
    }

    /** The spec as written: parsed again it gives the same trials (the copy a sweep folder keeps). */
    public String text() {
        return text;
    }

    /** The values of a key as written (ranges expanded), or an empty list if the spec does not set it. */
    public List<String> values(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** Every trial, in the order of the Cartesian product (the last axis varies fastest). */
    public List<Trial> trials() {
        return trials;
    }

    private List<Trial> expand() {
        List<String> axes = axes();
        long count = 1;
        for (String a : axes) {
            count *= values.get(a).size();
            if (count > MAX_TRIALS) {
                throw new InvalidInputException("sweep spec " + source + ": more than " + MAX_TRIALS + " trials");
            }
        }
        List<Trial> out = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (int t = 0; t < count; t++) {
            Map<String, String> axisValues = new LinkedHashMap<>();
            int rest = t;
            for (int a = axes.size() - 1; a >= 0; a--) {
                List<String> v = values.get(axes.get(a));
                axisValues.put(axes.get(a), v.get(rest % v.size()));
                rest /= v.size();
            }
            Map<String, String> ordered = new LinkedHashMap<>();
            for (String a : axes) {
                ordered.put(a, axisValues.get(a));
            }
            Map<String, Object> m = RunSettings.quickstartDefaults().toMap();
            for (Map.Entry<String, List<String>> e : values.entrySet()) {
                String value = ordered.getOrDefault(e.getKey(), e.getValue().get(0));
                apply(m, e.getKey(), value);
            }
            RunSettings settings;
            String name = name(ordered);
            try {
                settings = RunSettings.fromMap(m);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("sweep spec " + source + ": trial " + name + ": " + e.getMessage(), e);
            }
            if (seen.containsKey(name)) {
                throw new InvalidInputException("sweep spec " + source + ": two trials would share the folder " + name);
            }
            seen.put(name, name);
            out.add(new Trial(name, ordered, settings));
        }
        return List.copyOf(out);
    }

    /** The folder name of a trial: key=value pairs joined by '_', unsafe characters replaced by '-'. */
    static String name(Map<String, String> axisValues) {
        if (axisValues.isEmpty()) {
            return "trial";
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : axisValues.entrySet()) {
            String safe = e.getValue().replaceAll("[^A-Za-z0-9.+-]", "-");
            if (!safe.equals(e.getValue())) {
                // keep distinct values distinct after the replacement
                safe += "-" + Integer.toHexString(e.getValue().hashCode());
            }
            b.append(b.length() == 0 ? "" : "_").append(e.getKey()).append('=').append(safe);
        }
        return b.toString();
    }

    /** Sets a key (or the keys of an alias) in a {@link RunSettings#toMap()} map, typed like the default. */
    static void apply(Map<String, Object> m, String key, String value) {
        for (String k : ALIASES.getOrDefault(key, List.of(key))) {
            Object old = m.get(k);
            try {
                if (old instanceof Integer) {
                    m.put(k, Integer.parseInt(value));
                } else if (old instanceof Long) {
                    m.put(k, Long.parseLong(value));
                } else if (old instanceof Double) {
                    m.put(k, Double.parseDouble(value));
                } else {
                    m.put(k, value);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be " + (old instanceof Double ? "a number" : "an integer"), e);
            }
        }
    }

    private static List<String> expandRange(String key, String item, String source, int line) {
        int dots = item.indexOf("..");
        if (dots < 0 || item.startsWith("\"")) {
            return List.of(unquote(item));
        }
        Object type = RunSettings.quickstartDefaults().toMap().get(ALIASES.getOrDefault(key, List.of(key)).get(0));
        if (!(type instanceof Integer || type instanceof Long)) {
            throw error(source, line, "range " + item + ": '" + key + "' is not an integer setting");
        }
        long from;
        long to;
        try {
            from = Long.parseLong(item.substring(0, dots).strip());
            to = Long.parseLong(item.substring(dots + 2).strip());
        } catch (NumberFormatException e) {
            throw error(source, line, "range " + item + ": expected 'a..b' with integers a <= b");
        }
        if (from > to || to - from >= MAX_TRIALS) {
            throw error(source, line, "range " + item + ": expected a <= b and at most " + MAX_TRIALS + " values");
        }
        List<String> v = new ArrayList<>();
        for (long x = from; x <= to; x++) {
            v.add(Long.toString(x));
        }
        return v;
    }

    /** Splits at commas outside double quotes; each item stripped, quotes kept for {@link #unquote}. */
    private static List<String> splitValues(String text, String source, int line) {
        List<String> items = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                items.add(b.toString().strip());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        if (quoted) {
            throw error(source, line, "unterminated double quote");
        }
        items.add(b.toString().strip());
        for (String item : items) {
            if (item.isEmpty() || item.equals("\"\"")) {
                throw error(source, line, "empty value in '" + text.strip() + "'");
            }
        }
        return items;
    }

    private static String unquote(String item) {
        return item.length() >= 2 && item.startsWith("\"") && item.endsWith("\"") ? item.substring(1, item.length() - 1)
                : item;
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            quoted ^= c == '"';
            if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String knownKeys() {
        List<String> k = new ArrayList<>(RunSettings.quickstartDefaults().toMap().keySet());
        k.addAll(ALIASES.keySet().stream().sorted().toList());
        return String.join(", ", k);
    }

    private static InvalidInputException error(String source, int line, String message) {
        return new InvalidInputException("sweep spec " + source + " line " + line + ": " + message);
    }
}
