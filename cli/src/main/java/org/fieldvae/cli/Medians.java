package org.fieldvae.cli;

import java.util.Arrays;

/** Order statistics of repeated timings, as the {@code bench} command reports them. */
record Medians(double median, double min, double max, int repeats) {

    static Medians of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no timings to summarise");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        return new Medians(median, sorted[0], sorted[n - 1], n);
    }
}
