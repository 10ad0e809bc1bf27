package org.fieldvae.knime.support.vae;

import java.util.ArrayList;
import java.util.List;

import org.fieldvae.InvalidInputException;
import org.fieldvae.knime.support.table.FieldColumns;

/**
 * The VAE's field input and output as table columns: either one multi-channel column (e.g. {@code output} with
 * pressure, u_x1, u_x2) or one column per channel (e.g. {@code pressure}, {@code u_x1}, {@code u_x2}), whose
 * channels are stacked in the order the columns are chosen.
 */
public final class FieldChannels {

    private FieldChannels() {
    }

    /**
     * Stacks the channels of several field columns of the same rows.
     *
     * @param names the columns' names, for messages
     * @param columns per column {@code [sample][channel][i][j]}, all with the same samples and grid; not modified
     * @return {@code [sample][channel][i][j]} with the channels of column 0 first, then column 1, ...; the rows share
     *         the input arrays' channel planes
     * @throws InvalidInputException naming the columns if their grids or row counts differ
     */
    public static float[][][][] stack(final List<String> names, final List<float[][][][]> columns) {
        if (columns.isEmpty() || names.size() != columns.size()) {
            throw new IllegalArgumentException("columns: " + columns.size() + " arrays for names " + names
                + "; need one per name, at least one");
        }
        final float[][][][] first = columns.get(0);
        final int rows = first.length;
        int channels = 0;
        for (int k = 0; k < columns.size(); k++) {
            final float[][][][] c = columns.get(k);
            if (c.length != rows) {
                throw new InvalidInputException("column '" + names.get(k) + "' has " + c.length + " rows, '"
                    + names.get(0) + "' has " + rows);
            }
            if (rows > 0 && c[0][0].length != first[0][0].length) {
                throw new InvalidInputException("column '" + names.get(k) + "' holds " + c[0][0].length + " x "
                    + c[0][0].length + " fields, '" + names.get(0) + "' " + first[0][0].length + " x "
                    + first[0][0].length + "; the channels of one sample need the same grid");
            }
            channels += rows == 0 ? 0 : c[0].length;
        }
        final float[][][][] out = new float[rows][channels][][];
        for (int s = 0; s < rows; s++) {
            int ch = 0;
            for (final float[][][][] c : columns) {
                for (final float[][] plane : c[s]) {
                    out[s][ch++] = plane;
                }
            }
        }
        return out;
    }

    /**
     * Checks that every field has the shape a model was trained on, before the engine sees them: the engine's own
     * message counts samples from 0 and cannot name the columns or the option that chose them.
     *
     * @param option the dialog option that chose the columns, for the message
     * @param names the chosen columns, in stacking order
     * @param fields {@code [sample][channel][i][j]} as {@link #stack} returns them
     * @param channels the model's channels
     * @param grid the model's nodes per side
     * @throws InvalidInputException naming the option, the columns and the 1-based row of the first misfit
     */
    public static void checkShape(final String option, final List<String> names, final float[][][][] fields,
        final int channels, final int grid) {
        for (int s = 0; s < fields.length; s++) {
            final float[][][] f = fields[s];
            if (f.length != channels || f[0].length != grid || f[0][0].length != grid) {
                throw new InvalidInputException(option + " " + names + ": row " + (s + 1) + " holds a "
                    + f.length + " x " + f[0].length + " x " + f[0][0].length + " field, but the model was trained on "
                    + channels + " x " + grid + " x " + grid + " (channels x n x n); choose the column(s) holding "
                    + "the model's " + channels + " channel(s) on its grid");
            }
        }
    }

    /**
     * Names of the decoder's output columns.
     *
     * @param base name of the single column, or stem of the per-channel names
     * @param channels channels of the model's fields, at least 1
     * @param perChannel one column per channel instead of one multi-channel column
     * @return {@code [base]}; per channel the Darcy names pressure, u_x1, u_x2 for 3 channels, else
     *         {@code base_1 .. base_c}
     */
    public static List<String> decodedNames(final String base, final int channels, final boolean perChannel) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels = " + channels + ": must be at least 1");
        }
        if (!perChannel) {
            return List.of(base);
        }
        if (channels == FieldColumns.OUTPUT_CHANNELS.size()) {
            return FieldColumns.OUTPUT_CHANNELS;
        }
        final List<String> names = new ArrayList<>(channels);
        for (int c = 1; c <= channels; c++) {
            names.add(base + "_" + c);
        }
        return names;
    }
}
