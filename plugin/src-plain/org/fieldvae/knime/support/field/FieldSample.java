package org.fieldvae.knime.support.field;

import java.util.Arrays;

/**
 * One sample of a physical field on an n x n node grid: {@code channels} scalar maps, stored as floats indexed
 * {@code [channel][i][j]} with node (i, j) at x1 = i h, x2 = j h, h = 1/(n-1) (docs/design.md, "Conventions").
 * A Darcy sample has channels 0 pressure, 1 u_x1, 2 u_x2; a permeability sample has one channel.
 *
 * <p>Immutable: the constructor and every accessor copy, so a sample can sit in a KNIME table cell that many
 * threads read. Values are not required to be finite; whoever draws them decides how to show NaN.
 */
public final class FieldSample {

    /** Smallest grid a field can live on: two nodes per direction give h = 1. */
    public static final int MIN_GRID = 2;

    private final int m_channels;
    private final int m_grid;
    private final float[] m_values;

    /**
     * @param channels number of scalar maps, at least 1
     * @param grid nodes per direction n, at least {@link #MIN_GRID}
     * @param values the channels x n x n values flattened in {@code [channel][i][j]} order (index
     *            {@code (c * n + i) * n + j}); not modified, copied
     * @throws IllegalArgumentException if a size is out of range or {@code values} has the wrong length
     */
    public FieldSample(final int channels, final int grid, final float[] values) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels = " + channels + ": must be at least 1");
        }
        if (grid < MIN_GRID) {
            throw new IllegalArgumentException("grid = " + grid + ": must be at least " + MIN_GRID);
        }
        final long expected = (long)channels * grid * grid;
        if (values == null || values.length != expected) {
            throw new IllegalArgumentException("values.length = " + (values == null ? "null" : values.length)
                + ": must be channels x grid x grid = " + expected);
        }
        m_channels = channels;
        m_grid = grid;
        m_values = values.clone();
    }

    /**
     * @param field values indexed {@code [channel][i][j]}, every channel n x n; not modified
     * @return the sample holding a copy of {@code field}
     * @throws IllegalArgumentException if the array is empty or ragged
     */
    public static FieldSample of(final float[][][] field) {
        if (field == null || field.length == 0 || field[0].length == 0) {
            throw new IllegalArgumentException("field: must have at least one channel of at least one row");
        }
        final int n = field[0].length;
        final float[] flat = new float[field.length * n * n];
        for (int c = 0; c < field.length; c++) {
            if (field[c].length != n) {
                throw new IllegalArgumentException(
                    "field[" + c + "].length = " + field[c].length + ": must be " + n + " like channel 0");
            }
            for (int i = 0; i < n; i++) {
                if (field[c][i].length != n) {
                    throw new IllegalArgumentException(
                        "field[" + c + "][" + i + "].length = " + field[c][i].length + ": must be " + n);
                }
                System.arraycopy(field[c][i], 0, flat, (c * n + i) * n, n);
            }
        }
        return new FieldSample(field.length, n, flat);
    }

    /** @return number of channels, at least 1 */
    public int channels() {
        return m_channels;
    }

    /** @return nodes per direction n */
    public int grid() {
        return m_grid;
    }

    /**
     * @param channel 0-based channel
     * @param i node index along x1
     * @param j node index along x2
     * @return the value at node (i, j) of the channel
     */
    public float get(final int channel, final int i, final int j) {
        return m_values[index(channel, i, j)];
    }

    /** @return a copy of the values flattened in {@code [channel][i][j]} order */
    public float[] values() {
        return m_values.clone();
    }

    /** @return a copy of the values as {@code [channel][i][j]} */
    public float[][][] toArray() {
        final float[][][] out = new float[m_channels][m_grid][m_grid];
        for (int c = 0; c < m_channels; c++) {
            for (int i = 0; i < m_grid; i++) {
                System.arraycopy(m_values, (c * m_grid + i) * m_grid, out[c][i], 0, m_grid);
            }
        }
        return out;
    }

    /**
     * Range of the finite values of one channel, what a colour map stretches over.
     *
     * @param channel 0-based channel
     * @return {min, max} of the finite values, or {NaN, NaN} if the channel has none
     */
    public double[] finiteRange(final int channel) {
        checkChannel(channel);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        final int from = channel * m_grid * m_grid;
        for (int k = from; k < from + m_grid * m_grid; k++) {
            final float v = m_values[k];
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min > max ? new double[]{Double.NaN, Double.NaN} : new double[]{min, max};
    }

    private int index(final int channel, final int i, final int j) {
        checkChannel(channel);
        if (i < 0 || i >= m_grid || j < 0 || j >= m_grid) {
            throw new IndexOutOfBoundsException("node (" + i + ", " + j + ") outside the " + m_grid + " x "
                + m_grid + " grid");
        }
        return (channel * m_grid + i) * m_grid + j;
    }

    private void checkChannel(final int channel) {
        if (channel < 0 || channel >= m_channels) {
            throw new IndexOutOfBoundsException("channel " + channel + " outside 0.." + (m_channels - 1));
        }
    }

    /** Equal when shape and every value's bits agree, so NaN equals NaN and 0.0f differs from -0.0f. */
    @Override
    public boolean equals(final Object o) {
        return o instanceof FieldSample other && m_channels == other.m_channels && m_grid == other.m_grid
            && Arrays.equals(m_values, other.m_values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * m_channels + m_grid) + Arrays.hashCode(m_values);
    }

    /** @return the shape, e.g. "3 x 64 x 64 field", short enough for a table cell's text */
    @Override
    public String toString() {
        return m_channels + " x " + m_grid + " x " + m_grid + " field";
    }
}
