package org.fieldvae.label;

import java.util.Objects;

import org.fieldvae.Check;

/**
 * Which samples the semi-supervised loss (the paper's Eq. 29) may use the generative parameters of.
 * Made by {@link #ofFraction} or {@link #ofCount}.
 *
 * @param amount how many samples to label: a fraction of the dataset or a count
 * @param seed seed of the random choice; the same seed and dataset give the same labels
 * @param stratified whether to spread the labels evenly over the range of theta (see {@link Labeler})
 */
public record LabelSettings(Amount amount, long seed, boolean stratified) {

    public LabelSettings {
        Objects.requireNonNull(amount, "amount");
    }

    /** How many samples to label. */
    public sealed interface Amount permits Fraction, Count {
        /** Number of samples to label in a dataset of {@code samples} samples. */
        int of(int samples);
    }

    /**
     * A fraction in [0, 1] of the samples: {@code round(fraction * N)} samples (halves rounded up), but at
     * least 1 when the fraction is positive, so a small fraction of a small dataset still labels a sample.
     */
    public record Fraction(double value) implements Amount {
        public Fraction {
            Check.inRange("fraction", value, 0, 1);
        }

        @Override
        public int of(int samples) {
            long n = Math.round(value * samples);
            return (int) (value > 0 ? Math.max(1, n) : n);
        }
    }

    /** Exactly {@code value} samples, at least 0; at most the dataset's size (checked by {@link Labeler}). */
    public record Count(int value) implements Amount {
        public Count {
            Check.atLeast("count", value, 0);
        }

        @Override
        public int of(int samples) {
            Check.inRange("count", value, 0, samples);
            return value;
        }
    }

    public static LabelSettings ofFraction(double fraction, long seed, boolean stratified) {
        return new LabelSettings(new Fraction(fraction), seed, stratified);
    }

    public static LabelSettings ofCount(int count, long seed, boolean stratified) {
        return new LabelSettings(new Count(count), seed, stratified);
    }

    /** The default of the paper's experiments (Fig. 26: about 1% labelled), seed 0, stratified. */
    public static LabelSettings defaults() {
        return ofFraction(0.01, 0, true);
    }

    public LabelSettings withSeed(long value) {
        return new LabelSettings(amount, value, stratified);
    }

    public LabelSettings withStratified(boolean value) {
        return new LabelSettings(amount, seed, value);
    }
}
