package org.fieldvae.knime.node.kle;

import java.util.ArrayList;
import java.util.List;

import org.fieldvae.kle.KleBasis;
import org.fieldvae.kle.KleResult;
import org.fieldvae.kle.KleSamples;
import org.fieldvae.kle.PermeabilitySampler;
import org.fieldvae.knime.node.FieldTables;
import org.fieldvae.knime.node.KnimeProgress;
import org.fieldvae.knime.support.kle.KleBasisRows;
import org.fieldvae.knime.support.kle.KleSamplerOptions;
import org.fieldvae.knime.support.table.FieldColumns;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;

/**
 * Configure and execute of the KLE Permeability Sampler: {@code KleBasis.compute} then
 * {@code PermeabilitySampler.sample}, written as a sample table (theta_1..theta_p, permeability) and a basis table
 * (per mode: index, eigenvalue, variance fractions, eigenfunction).
 */
final class KleSamplerNodeModel {

    static final String MODE = "mode";
    static final String EIGENVALUE = "eigenvalue";
    static final String VARIANCE_FRACTION = "variance_fraction";
    static final String CUMULATIVE_FRACTION = "cumulative_variance_fraction";
    static final String EIGENFUNCTION = "eigenfunction";

    /**
     * Eigen-residual above which the node warns: a resolved basis has 1e-14 to 1e-11 (KleResult); only modes at the
     * rounding level of a smooth kernel's spectrum come near 1. It changes no result, only whether the user is told.
     */
    static final double RESIDUAL_WARNING = 1e-6;

    private KleSamplerNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final KleSamplerOptions options = in.<KleSamplerNodeSettings> getParameters().toOptions();
        out.setOutSpecs(samplesSpec(options.modes()), basisSpec());
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final KleSamplerOptions options = options(in);
        final ExecutionContext exec = in.getExecutionContext();
        exec.setMessage("KLE basis");
        final KleResult basis = KnimeProgress.call(exec.createSubProgress(0.6), p -> KleBasis.compute(options.kle(), p));
        exec.setMessage("drawing theta");
        final KleSamples samples = KnimeProgress.call(exec.createSubProgress(0.1),
            p -> PermeabilitySampler.sample(basis, options.mean(), options.thetaDistribution(), options.count(),
                options.design(), options.seed()));
        final BufferedDataTable sampleTable = sampleTable(samples, exec, exec.createSubProgress(0.25));
        final BufferedDataTable basisTable = basisTable(basis, exec);
        if (basis.residual() > RESIDUAL_WARNING) {
            out.setWarningMessage("KLE eigen-residual " + basis.residual() + ": the trailing modes are not resolved "
                + "(a smooth kernel's eigenvalues at rounding level); use fewer modes");
        }
        out.setOutData(sampleTable, basisTable);
    }

    private static KleSamplerOptions options(final ExecuteInput in) throws KNIMEException {
        try {
            return in.<KleSamplerNodeSettings> getParameters().toOptions();
        } catch (InvalidSettingsException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
    }

    static DataTableSpec samplesSpec(final int modes) {
        final List<DataColumnSpec> columns = new ArrayList<>();
        for (final String theta : FieldColumns.thetas(modes)) {
            columns.add(new DataColumnSpecCreator(theta, DoubleCell.TYPE).createSpec());
        }
        columns.add(FieldTables.fieldColumn(FieldColumns.PERMEABILITY));
        return new DataTableSpec(columns.toArray(DataColumnSpec[]::new));
    }

    static DataTableSpec basisSpec() {
        return new DataTableSpec(new DataColumnSpecCreator(MODE, IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator(EIGENVALUE, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(VARIANCE_FRACTION, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(CUMULATIVE_FRACTION, DoubleCell.TYPE).createSpec(),
            FieldTables.fieldColumn(EIGENFUNCTION));
    }

    private static BufferedDataTable sampleTable(final KleSamples samples, final ExecutionContext exec,
        final ExecutionMonitor monitor) throws CanceledExecutionException {
        final double[][] theta = samples.theta();
        final float[][][] permeability = samples.permeability();
        final BufferedDataContainer container = exec.createDataContainer(samplesSpec(theta[0].length));
        for (int s = 0; s < theta.length; s++) {
            monitor.checkCanceled();
            final DataCell[] cells = new DataCell[theta[s].length + 1];
            for (int k = 0; k < theta[s].length; k++) {
                // theta at the precision of the fields, as the command line's dataset files hold it (float32):
                // the permeability is computed from the unrounded theta in both, so a workflow and a sweep
                // train, label and score the same numbers, and writing the table to HDF5 loses nothing
                cells[k] = new DoubleCell((float)theta[s][k]);
            }
            cells[theta[s].length] = FieldTables.fieldCell(permeability[s]);
            container.addRowToTable(new DefaultRow(RowKey.createRowKey((long)s), cells));
            monitor.setProgress((double)(s + 1) / theta.length, "sample " + (s + 1) + "/" + theta.length);
        }
        container.close();
        return container.getTable();
    }

    private static BufferedDataTable basisTable(final KleResult basis, final ExecutionContext exec) {
        final double[] fraction = KleBasisRows.varianceFractions(basis);
        final double[] cumulative = KleBasisRows.cumulativeFractions(basis);
        final BufferedDataContainer container = exec.createDataContainer(basisSpec());
        for (int k = 0; k < basis.modes(); k++) {
            container.addRowToTable(new DefaultRow(RowKey.createRowKey((long)k), new IntCell(k + 1),
                new DoubleCell(basis.eigenvalue(k)), new DoubleCell(fraction[k]), new DoubleCell(cumulative[k]),
                FieldTables.fieldCell(KleBasisRows.eigenfunction(basis, k))));
        }
        container.close();
        return container.getTable();
    }
}
