package org.fieldvae;

import java.util.Arrays;

/** Order statistics of repeated timings: benchmarks report the median, with min and max for the spread. */
public record Medians(double median, double min, double max, int repeats) {

    public static Medians of(double[] samples) {
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
