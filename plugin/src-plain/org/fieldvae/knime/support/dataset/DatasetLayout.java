package org.fieldvae.knime.support.dataset;

import java.util.ArrayList;
import java.util.List;

import org.fieldvae.field.DatasetShape;
import org.fieldvae.field.Precision;
import org.fieldvae.knime.support.table.FieldColumns;

/**
 * Which of the paper's datasets (docs/paper-facts.md, "Data": {@code generative_params}, {@code permeability}, {@code output},
 * {@code labelled}) a file holds, seen as the table columns the Field Dataset Reader writes and the Writer reads:
 * {@code theta_1..theta_p} (double), {@code permeability} (1-channel field), {@code output} (3-channel field: pressure,
 * u_x1, u_x2) and {@code labelled} (boolean), in that order.
 *
 * @param parameters p, the number of theta columns, at least 0
 * @param permeability whether there is a permeability column
 * @param output whether there is an output column
 * @param labelled whether there is a labelled column
 */
public record DatasetLayout(int parameters, boolean permeability, boolean output, boolean labelled) {

    /** Channels of the {@code output} fields: pressure, u_x1, u_x2. */
    public static final int OUTPUT_CHANNELS = 3;

    public DatasetLayout {
        if (parameters < 0) {
            throw new IllegalArgumentException("parameters = " + parameters + ": must be at least 0");
        }
        if (parameters == 0 && !permeability && !output) {
            throw new IllegalArgumentException("the table needs at least one of the columns theta_1.., "
                + FieldColumns.PERMEABILITY + ", " + FieldColumns.OUTPUT + " to be a dataset");
        }
    }

    /** @return the layout of a dataset file's content */
    public static DatasetLayout of(final DatasetShape shape) {
        return new DatasetLayout(shape.parameters(), shape.permeability(), shape.output(), shape.labelled());
    }

    /**
     * The layout a table's columns spell: theta columns must be theta_1..theta_p without a gap (so that their order on
     * disk is clear); the output is the 3-channel column {@code output} or, without it, the three one-channel columns
     * {@code pressure, u_x1, u_x2} (see {@link #outputFromChannels}); other columns are ignored.
     *
     * @param names the table's column names
     * @return the layout
     * @throws IllegalArgumentException if the theta columns have a gap or no dataset column is present
     */
    public static DatasetLayout ofColumns(final List<String> names) {
        final List<String> theta = FieldColumns.thetaColumnsIn(names);
        if (!theta.equals(FieldColumns.thetas(theta.size()))) {
            throw new IllegalArgumentException("theta columns " + theta + ": must be theta_1..theta_" + theta.size()
                + " without a gap");
        }
        return new DatasetLayout(theta.size(), names.contains(FieldColumns.PERMEABILITY),
            names.contains(FieldColumns.OUTPUT) || outputFromChannels(names), names.contains(FieldColumns.LABELLED));
    }

    /**
     * @param names a table's column names
     * @return true when the output must be assembled from the per-channel columns {@code pressure, u_x1, u_x2} (all
     *         three present, no {@code output} column)
     */
    public static boolean outputFromChannels(final List<String> names) {
        return !names.contains(FieldColumns.OUTPUT) && names.containsAll(FieldColumns.OUTPUT_CHANNELS);
    }

    /** @return the column names, in the reader's order */
    public List<String> columnNames() {
        final List<String> names = new ArrayList<>(FieldColumns.thetas(parameters));
        if (permeability) {
            names.add(FieldColumns.PERMEABILITY);
        }
        if (output) {
            names.add(FieldColumns.OUTPUT);
        }
        if (labelled) {
            names.add(FieldColumns.LABELLED);
        }
        return names;
    }

    /** @return whether a field column, and so a grid, is present */
    public boolean hasFields() {
        return permeability || output;
    }

    /**
     * @param samples rows, at least 1
     * @param grid nodes per side of the fields (any value at least 2 when there are no field columns)
     * @param precision of the floats on disk
     * @return the file's shape
     * @throws IllegalArgumentException if the table is empty
     */
    public DatasetShape shape(final int samples, final int grid, final Precision precision) {
        if (samples < 1) {
            throw new IllegalArgumentException("the table is empty: a dataset needs at least one row");
        }
        return new DatasetShape(samples, parameters, grid, permeability, output, labelled, precision);
    }
}
