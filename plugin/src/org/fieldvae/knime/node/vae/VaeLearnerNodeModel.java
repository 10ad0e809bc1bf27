package org.fieldvae.knime.node.vae;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.fieldvae.knime.model.VaeModelPortObject;
import org.fieldvae.knime.node.FieldTables;
import org.fieldvae.knime.node.KnimeProgress;
import org.fieldvae.knime.support.vae.HistoryTable;
import org.fieldvae.knime.support.vae.TrainingInput;
import org.fieldvae.knime.support.vae.TrainingRun;
import org.fieldvae.vae.EpochRecord;
import org.fieldvae.vae.TrainedModel;
import org.fieldvae.vae.TrainingData;
import org.fieldvae.vae.VaeSettings;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
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
import org.knime.core.node.NodeLogger;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.util.FileUtil;
import org.knime.core.webui.node.dialog.defaultdialog.NodeParametersUtil;

/**
 * The VAE Learner's model: trains {@link org.fieldvae.vae.VaeTrainer} on the input fields and resumes an interrupted
 * or finished run of the same settings and data from its checkpoint ({@link TrainingRun}).
 *
 * <p><b>Why the classic {@link NodeModel}.</b> The modern API ({@code DefaultNode}) keeps node internals only as
 * port objects handed to {@code ExecuteOutput.setInternalData}: they are set on successful execution and dropped by
 * its adapter's {@code reset()}, and it has no {@code saveInternals}/{@code loadInternals}. Resuming needs the
 * opposite: a checkpoint that survives the reset before every re-execution and a cancelled execution, and that is
 * saved with the workflow. So this node keeps its run folder in a temporary directory of its own across resets, and
 * copies it into the node's internals folder on save and back on load. KNIME saves internals of executed nodes
 * only, so a cancelled run resumes within the session but not after the workflow was closed. The dialog and the
 * node description still come from the modern {@link VaeLearnerNodeSettings}.
 */
final class VaeLearnerNodeModel extends NodeModel {

    private static final NodeLogger LOGGER = NodeLogger.getLogger(VaeLearnerNodeModel.class);

    /** Subfolder of the internals folder that holds the run files. */
    static final String INTERNALS_RUN = "training-run";

    /** Share of the progress bar for reading the table; training takes the rest. */
    private static final double READ_SHARE = 0.05;

    private VaeLearnerNodeSettings m_settings;

    /** The run folder, created on first use, kept across resets; deleted on dispose. */
    private Path m_runDir;

    VaeLearnerNodeModel() {
        super(new PortType[]{BufferedDataTable.TYPE},
            new PortType[]{VaeModelPortObject.TYPE, BufferedDataTable.TYPE});
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        if (m_settings == null) {
            m_settings = NodeParametersUtil.createSettings(VaeLearnerNodeSettings.class, inSpecs);
        }
        final DataTableSpec spec = (DataTableSpec)inSpecs[0];
        m_settings.validate();
        m_settings.m_fields.columns(spec);
        m_settings.thetaColumns(spec);
        final String labelled = m_settings.labelledColumn();
        if (labelled != null) {
            FieldTables.column(spec, labelled, BooleanValue.class, VaeLearnerNodeSettings.LABELLED_COLUMN);
        }
        // the model's shape needs the fields' grid, which only the data know
        return new PortObjectSpec[]{null, historySpec()};
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        final BufferedDataTable table = (BufferedDataTable)inObjects[0];
        final TrainingData data = trainingData(table, exec.createSubProgress(READ_SHARE));
        final VaeSettings settings = m_settings.toEngine(data.fields()[0][0].length, data.fields()[0].length);
        final Path run = runDir();
        final TrainingRun.Outcome outcome = KnimeProgress.run(exec.createSubProgress(1 - READ_SHARE),
            p -> TrainingRun.trainOrResume(settings, data, run, p));
        if (outcome.resumed()) {
            LOGGER.info("continued the training from the checkpoint of the same settings and data in " + run);
        }
        try (TrainedModel model = outcome.model()) {
            final String warning = model.history().warning();
            if (!warning.isEmpty()) {
                setWarningMessage(warning);
            }
            exec.setMessage("storing the model");
            return new PortObject[]{ModelPort.of(model), historyTable(model, exec)};
        }
    }

    private TrainingData trainingData(final BufferedDataTable table, final ExecutionMonitor monitor)
        throws InvalidSettingsException, CanceledExecutionException {
        final DataTableSpec spec = table.getDataTableSpec();
        final float[][][][] fields = m_settings.m_fields.read(table, monitor);
        if (fields.length == 0) {
            throw new InvalidSettingsException("the input table has no rows: nothing to train on");
        }
        final List<String> thetaNames = m_settings.thetaColumns(spec);
        if (thetaNames.isEmpty()) {
            return TrainingData.of(fields);
        }
        final double[][] theta = FieldTables.readDoubles(table,
            FieldTables.columns(spec, thetaNames, DoubleValue.class, VaeLearnerNodeSettings.THETA_COLUMNS), Double.NaN,
            VaeLearnerNodeSettings.THETA_COLUMNS);
        final String labelledName = m_settings.labelledColumn();
        boolean[] labelled = null;
        if (labelledName != null) {
            final int column =
                FieldTables.column(spec, labelledName, BooleanValue.class, VaeLearnerNodeSettings.LABELLED_COLUMN);
            labelled = new boolean[FieldTables.rows(table)];
            int r = 0;
            for (final DataRow row : table) {
                final DataCell cell = row.getCell(column);
                // a missing label counts as false: the row is not used as a label
                labelled[r++] = !cell.isMissing() && ((BooleanValue)cell).getBooleanValue();
            }
        }
        return TrainingInput.of(fields, thetaNames, theta, labelled);
    }

    static DataTableSpec historySpec() {
        final DataColumnSpec[] columns = new DataColumnSpec[1 + HistoryTable.VALUES.size()];
        columns[0] = new DataColumnSpecCreator(HistoryTable.EPOCH, IntCell.TYPE).createSpec();
        for (int k = 0; k < HistoryTable.VALUES.size(); k++) {
            columns[k + 1] = new DataColumnSpecCreator(HistoryTable.VALUES.get(k), DoubleCell.TYPE).createSpec();
        }
        return new DataTableSpec("Training history", columns);
    }

    private static BufferedDataTable historyTable(final TrainedModel model, final ExecutionContext exec) {
        final BufferedDataContainer container = exec.createDataContainer(historySpec());
        for (final EpochRecord r : model.history().epochs()) {
            final double[] values = HistoryTable.values(r);
            final DataCell[] cells = new DataCell[1 + values.length];
            cells[0] = new IntCell(r.epoch());
            for (int k = 0; k < values.length; k++) {
                cells[k + 1] = new DoubleCell(values[k]);
            }
            container.addRowToTable(new DefaultRow(RowKey.createRowKey((long)r.epoch() - 1), cells));
        }
        container.close();
        return container.getTable();
    }

    private Path runDir() throws IOException {
        if (m_runDir == null || !Files.isDirectory(m_runDir)) {
            m_runDir = FileUtil.createTempDir("fieldvae-learner").toPath();
        }
        return m_runDir;
    }

    /** Keeps the run folder: re-execution after a reset resumes from it when settings and data are unchanged. */
    @Override
    protected void reset() {
        // nothing to drop: the output is held by KNIME, the checkpoint must survive
    }

    @Override
    protected void saveInternals(final File nodeInternDir, final ExecutionMonitor exec) throws IOException {
        if (m_runDir != null) {
            try {
                TrainingRun.copy(m_runDir, nodeInternDir.toPath().resolve(INTERNALS_RUN));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    @Override
    protected void loadInternals(final File nodeInternDir, final ExecutionMonitor exec) throws IOException {
        final Path saved = nodeInternDir.toPath().resolve(INTERNALS_RUN);
        if (Files.isDirectory(saved)) {
            try {
                TrainingRun.copy(saved, runDir());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    @Override
    protected void onDispose() {
        if (m_runDir != null) {
            FileUtil.deleteRecursively(m_runDir.toFile());
            m_runDir = null;
        }
    }

    @Override
    protected void saveSettingsTo(final NodeSettingsWO settings) {
        final VaeLearnerNodeSettings s =
            m_settings != null ? m_settings : NodeParametersUtil.createSettings(VaeLearnerNodeSettings.class);
        NodeParametersUtil.saveSettings(VaeLearnerNodeSettings.class, s, settings);
    }

    @Override
    protected void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        NodeParametersUtil.loadSettings(settings, VaeLearnerNodeSettings.class).validate();
    }

    @Override
    protected void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_settings = NodeParametersUtil.loadSettings(settings, VaeLearnerNodeSettings.class);
    }
}
