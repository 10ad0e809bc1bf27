package org.fieldvae.knime.support.table;

import org.fieldvae.InvalidInputException;
import org.fieldvae.knime.support.field.FieldSample;

/**
 * Collects the fields of one table column, row by row, into the engine's array {@code [sample][channel][i][j]}:
 * every row must hold a field (no missing cell) of the same channels x n x n shape as the first, and an error names
 * the column and the row that broke the rule, so the user can find it in a table of thousands of rows.
 *
 * <p>Not thread-safe: one table scan fills one stack.
 */
public final class FieldStack {

    private final String m_column;
    private final float[][][][] m_fields;
    private int m_size;
    private String m_firstRow;

    /**
     * @param column name of the column read, for messages
     * @param rows number of rows that will be added, at least 0
     */
    public FieldStack(final String column, final int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows = " + rows + ": must be at least 0");
        }
        m_column = column;
        m_fields = new float[rows][][][];
    }

    /**
     * Adds the next row's field.
     *
     * @param row the row's key, for messages
     * @param field the row's field, or null for a missing cell
     * @throws InvalidInputException if the cell is missing or its shape differs from the first row's
     * @throws IllegalStateException if more rows are added than announced
     */
    public void add(final String row, final FieldSample field) {
        if (m_size == m_fields.length) {
            throw new IllegalStateException("column '" + m_column + "': more than the announced " + m_fields.length
                + " rows");
        }
        if (field == null) {
            throw new InvalidInputException("column '" + m_column + "', row '" + row
                + "': missing value; every row needs a field (filter missing rows out first)");
        }
        if (m_size > 0) {
            final float[][][] first = m_fields[0];
            if (field.channels() != first.length || field.grid() != first[0].length) {
                throw new InvalidInputException("column '" + m_column + "', row '" + row + "': " + field
                    + " differs from the " + first.length + " x " + first[0].length + " x " + first[0].length
                    + " field of the first row '" + m_firstRow + "'; all rows need the same shape");
            }
        } else {
            m_firstRow = row;
        }
        m_fields[m_size++] = field.toArray();
    }

    /**
     * @return the collected fields, [row][channel][i][j]; the stack's own arrays, not copied (the stack is a one-shot
     *         collector, so nothing else holds them)
     * @throws IllegalStateException if fewer rows were added than announced
     */
    public float[][][][] fields() {
        if (m_size != m_fields.length) {
            throw new IllegalStateException("column '" + m_column + "': " + m_size + " rows added of the announced "
                + m_fields.length);
        }
        return m_fields;
    }

    /**
     * The single channel of one-channel fields, the engine's {@code [sample][i][j]} for permeabilities.
     *
     * @return [row][i][j], the stack's own arrays
     * @throws InvalidInputException if the fields have more than one channel
     */
    public float[][][] singleChannel() {
        final float[][][][] all = fields();
        final float[][][] out = new float[all.length][][];
        for (int s = 0; s < all.length; s++) {
            if (all[s].length != 1) {
                throw new InvalidInputException("column '" + m_column + "': fields have " + all[s].length
                    + " channels; a single-channel field (e.g. a permeability) is needed");
            }
            out[s] = all[s][0];
        }
        return out;
    }

    /**
     * @param column the column's name, for the message
     * @param row the row's key, for the message
     * @param field the row's field, not null
     * @param channels the channels every row must have
     * @param grid the nodes per side every row must have
     * @throws InvalidInputException naming column and row if the field has another shape
     */
    public static void checkShape(final String column, final String row, final FieldSample field, final int channels,
        final int grid) {
        if (field.channels() != channels || field.grid() != grid) {
            throw new InvalidInputException("column '" + column + "', row '" + row + "': " + field + " where a "
                + channels + " x " + grid + " x " + grid + " field is needed");
        }
    }

    /**
     * @param field one channel, [i][j], n x n; not modified
     * @return the one-channel field sample holding a copy
     */
    public static FieldSample channelField(final float[][] field) {
        return FieldSample.of(new float[][][]{field});
    }

    /**
     * @param field a multi-channel field
     * @param channel 0-based channel to take
     * @return that channel alone as a one-channel field sample
     */
    public static FieldSample channelOf(final FieldSample field, final int channel) {
        if (channel < 0 || channel >= field.channels()) {
            throw new IndexOutOfBoundsException("channel " + channel + " outside 0.." + (field.channels() - 1));
        }
        return channelField(field.toArray()[channel]);
    }
}
