package org.fieldvae.knime.support.vae;

import java.util.Arrays;

/** Lists of numbers as the dialog holds them, comma-separated text; a malformed one is reported under its dialog title. */
final class OptionText {

    private OptionText() {
    }

    static int[] ints(final String option, final String text) {
        final String[] parts = split(option, text);
        final int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + parts[i] + "' is not a whole number", e);
            }
        }
        return out;
    }

    static double[] doubles(final String option, final String text) {
        final String[] parts = split(option, text);
        final double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + parts[i] + "' is not a number", e);
            }
        }
        return out;
    }

    private static String[] split(final String option, final String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(option + ": empty; give numbers separated by commas, e.g. 4, 6, 4");
        }
        return Arrays.stream(text.split(",")).map(String::strip).toArray(String[]::new);
    }
}
