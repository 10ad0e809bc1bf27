package org.fieldvae.knime.node.label;

import java.util.Arrays;

import org.fieldvae.knime.node.FieldTables;
import org.fieldvae.knime.node.KnimeProgress;
import org.fieldvae.knime.support.label.LabelerOptions;
import org.fieldvae.knime.support.table.FieldColumns;
import org.fieldvae.label.LabelResult;
import org.fieldvae.label.Labeler;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.container.AbstractCellFactory;
import org.knime.core.data.container.ColumnRearranger;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;

/**
 * Configure and execute of the Semi-supervised Labeler: reads theta, calls {@code Labeler.label} and appends the
 * boolean {@code labelled} column (blanking the unlabelled rows' theta if asked).
 */
final class LabelerNodeModel {

    private LabelerNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final DataTableSpec spec = in.getInTableSpec(0);
        final LabelerOptions options = in.<LabelerNodeSettings> getParameters().toOptions(spec);
        final int[] theta = thetaColumns(spec, options);
        out.setOutSpecs(rearranger(spec, options, theta, null).createSpec());
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final BufferedDataTable table = in.getInTable(0);
        final DataTableSpec spec = table.getDataTableSpec();
        final ExecutionContext exec = in.getExecutionContext();
        final LabelerOptions options;
        final int[] thetaIndices;
        try {
            options = in.<LabelerNodeSettings> getParameters().toOptions(spec);
            thetaIndices = thetaColumns(spec, options);
        } catch (InvalidSettingsException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
        final LabelResult result = KnimeProgress.call(exec.createSubProgress(0.5),
            p -> Labeler.label(options.labelFor(FieldTables.rows(table)),
                FieldTables.readDoubles(table, thetaIndices, null, LabelerOptions.THETA_TITLE)));
        out.setOutData(exec.createColumnRearrangeTable(table,
            rearranger(spec, options, thetaIndices, result.labelled()), exec.createSubProgress(0.5)));
    }

    private static int[] thetaColumns(final DataTableSpec spec, final LabelerOptions options)
        throws InvalidSettingsException {
        return FieldTables.columns(spec, options.thetaColumns(), DoubleValue.class, LabelerOptions.THETA_TITLE);
    }

    /**
     * @param labelled the mask per row, or null when only the spec is needed
     * @return blanks the theta of unlabelled rows if asked, and replaces or appends {@code labelled}
     */
    private static ColumnRearranger rearranger(final DataTableSpec spec, final LabelerOptions options,
        final int[] thetaIndices, final boolean[] labelled) {
        final ColumnRearranger rearranger = new ColumnRearranger(spec);
        if (options.blankUnlabelled()) {
            rearranger.replace(new BlankedTheta(spec, thetaIndices, labelled), thetaIndices);
        }
        if (spec.containsName(FieldColumns.LABELLED)) {
            rearranger.remove(FieldColumns.LABELLED);
        }
        rearranger.append(new LabelledCells(labelled));
        return rearranger;
    }

    /** The row's theta cells, or missing cells where the row is unlabelled. */
    private static final class BlankedTheta extends AbstractCellFactory {

        private final int[] m_indices;

        private final boolean[] m_labelled;

        BlankedTheta(final DataTableSpec spec, final int[] indices, final boolean[] labelled) {
            super(Arrays.stream(indices).mapToObj(spec::getColumnSpec).toArray(DataColumnSpec[]::new));
            m_indices = indices.clone();
            m_labelled = labelled;
        }

        @Override
        public DataCell[] getCells(final DataRow row, final long rowIndex) {
            final DataCell[] cells = new DataCell[m_indices.length];
            for (int k = 0; k < cells.length; k++) {
                cells[k] = m_labelled[(int)rowIndex] ? row.getCell(m_indices[k]) : DataType.getMissingCell();
            }
            return cells;
        }
    }

    /** The {@code labelled} column. */
    private static final class LabelledCells extends AbstractCellFactory {

        private final boolean[] m_labelled;

        LabelledCells(final boolean[] labelled) {
            super(new DataColumnSpecCreator(FieldColumns.LABELLED, BooleanCell.TYPE).createSpec());
            m_labelled = labelled;
        }

        @Override
        public DataCell[] getCells(final DataRow row, final long rowIndex) {
            return new DataCell[]{m_labelled[(int)rowIndex] ? BooleanCell.TRUE : BooleanCell.FALSE};
        }
    }
}
