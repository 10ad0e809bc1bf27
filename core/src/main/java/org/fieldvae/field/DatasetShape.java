package org.fieldvae.field;

import java.util.Objects;

import org.fieldvae.Check;

/**
 * What a dataset file holds (the paper's layout, docs/paper-facts.md "Data", samples first): {@code generative_params} (samples x
 * parameters) when {@code parameters > 0}, {@code permeability} (samples x 1 x grid x grid),
 * {@code output} (samples x 3 x grid x grid: pressure, u_x1, u_x2) and {@code labelled} (samples, uint8 0/1).
 *
 * @param samples number of samples N, at least 1
 * @param parameters number of generative parameters p per sample, 0 when the file has no {@code generative_params}
 * @param grid nodes per side n of the n x n fields, at least 2
 * @param permeability whether the file has {@code permeability}
 * @param output whether the file has {@code output}
 * @param labelled whether the file has {@code labelled}
 * @param precision of the float datasets on disk
 */
public record DatasetShape(int samples, int parameters, int grid, boolean permeability, boolean output, boolean labelled,
        Precision precision) {
    /** HDF5 name of the generative parameters theta, [N, p]. */
    static final String THETA = "generative_params";
    /** HDF5 name of the permeability fields K, [N, 1, n, n]. */
    static final String PERMEABILITY = "permeability";
    /** HDF5 name of the Darcy fields (pressure, u_x1, u_x2), [N, 3, n, n]. */
    static final String OUTPUT = "output";
    /** HDF5 name of the semi-supervised mask, [N], non-zero = labelled. */
    static final String LABELLED = "labelled";

    public DatasetShape {
        Check.atLeast("samples", samples, 1);
        Check.atLeast("parameters", parameters, 0);
        Check.atLeast("grid", grid, 2);
        Objects.requireNonNull(precision, "precision");
        Check.that(parameters > 0 || permeability || output, "dataset shape",
                "must hold at least one of generative_params, permeability, output");
    }

    /** The full training/test dataset of the paper: theta, permeability and output, float32, unlabelled. */
    public static DatasetShape of(int samples, int parameters, int grid) {
        return new DatasetShape(samples, parameters, grid, true, true, false, Precision.FLOAT32);
    }

    public DatasetShape withLabelled(boolean value) {
        return new DatasetShape(samples, parameters, grid, permeability, output, value, precision);
    }

    public DatasetShape withPrecision(Precision value) {
        return new DatasetShape(samples, parameters, grid, permeability, output, labelled, value);
    }
}
