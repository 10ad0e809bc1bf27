package org.fieldvae.knime.support.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * Per-epoch training curves of a VAE: named series of equal length, e.g. {@code loss}, {@code rec}, {@code reg}
 * and {@code beta} (docs/paper-facts.md, "Training schedule"), in the order the trainer reported them.
 *
 * <p>The names are whatever the engine's history records; this class only keeps them aligned. Immutable: the
 * constructor and {@link #series} copy.
 */
public final class TrainingHistory {

    private final List<String> m_names;
    private final double[][] m_series;

    /**
     * @param names one distinct, non-blank name per series
     * @param series {@code series[k][epoch]}, all the same length (zero epochs allowed); not modified, copied
     * @throws IllegalArgumentException if names and series disagree, a name repeats or is blank, or lengths differ
     */
    public TrainingHistory(final List<String> names, final double[][] series) {
        if (names.size() != series.length) {
            throw new IllegalArgumentException("names.size() = " + names.size() + ": must equal the number of series "
                + series.length);
        }
        final var seen = new HashSet<String>();
        for (final String name : names) {
            if (name == null || name.isBlank() || !seen.add(name)) {
                throw new IllegalArgumentException("series name '" + name + "': must be non-blank and unique");
            }
        }
        m_series = new double[series.length][];
        for (int k = 0; k < series.length; k++) {
            if (series[k].length != series[0].length) {
                throw new IllegalArgumentException("series '" + names.get(k) + "' has " + series[k].length
                    + " epochs: must have " + series[0].length + " like '" + names.get(0) + "'");
            }
            m_series[k] = series[k].clone();
        }
        m_names = List.copyOf(names);
    }

    /** @return a history with no series, for a model whose trainer recorded none */
    public static TrainingHistory empty() {
        return new TrainingHistory(List.of(), new double[0][]);
    }

    /** @return the series names in order; unmodifiable */
    public List<String> names() {
        return m_names;
    }

    /** @return number of epochs, 0 when there are no series */
    public int epochs() {
        return m_series.length == 0 ? 0 : m_series[0].length;
    }

    /**
     * @param name a series name
     * @return a copy of the series, one value per epoch
     * @throws IllegalArgumentException if there is no series of that name
     */
    public double[] series(final String name) {
        final int k = m_names.indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException("series '" + name + "': not in this history " + m_names);
        }
        return m_series[k].clone();
    }

    /** @return true if a series of that name exists */
    public boolean has(final String name) {
        return m_names.contains(name);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof TrainingHistory other && m_names.equals(other.m_names)
            && Arrays.deepEquals(m_series, other.m_series);
    }

    @Override
    public int hashCode() {
        return 31 * m_names.hashCode() + Arrays.deepHashCode(m_series);
    }

    @Override
    public String toString() {
        return "TrainingHistory" + new ArrayList<>(m_names) + " over " + epochs() + " epochs";
    }
}
