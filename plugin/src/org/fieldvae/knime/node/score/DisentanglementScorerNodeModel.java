package org.fieldvae.knime.node.score;

import java.util.List;
import java.util.Map;

import org.fieldvae.FieldVaeException;
import org.fieldvae.knime.node.FieldTables;
import org.fieldvae.knime.node.KnimeProgress;
import org.fieldvae.knime.support.score.ScoreTables;
import org.fieldvae.score.DisentanglementScorer;
import org.fieldvae.score.ScoreSettings;
import org.fieldvae.score.Scores;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataContainer;
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
 * Configure and execute of the Disentanglement Scorer: reads the chosen latent and theta columns, calls
 * {@link DisentanglementScorer#score}, and writes the one-row score table and the correlation matrix.
 */
final class DisentanglementScorerNodeModel {

    private DisentanglementScorerNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final DisentanglementScorerNodeSettings settings = in.getParameters();
        settings.toEngine();
        final List<List<String>> columns = settings.selectedColumns(in.getInTableSpec(0));
        out.setOutSpecs(scoreSpec(columns.get(0).size(), columns.get(1).size()), correlationSpec(columns.get(1)));
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final DisentanglementScorerNodeSettings settings = in.getParameters();
        final BufferedDataTable table = in.getInTable(0);
        final ExecutionContext exec = in.getExecutionContext();
        final Scores scores;
        final List<String> latent;
        final List<String> theta;
        try {
            final ScoreSettings engine = settings.toEngine();
            final DataTableSpec spec = table.getDataTableSpec();
            final List<List<String>> columns = settings.selectedColumns(spec);
            latent = columns.get(0);
            theta = columns.get(1);
            final double[][] z = FieldTables.readDoubles(table,
                FieldTables.columns(spec, latent, DoubleValue.class, DisentanglementScorerNodeSettings.LATENT_COLUMNS),
                null, DisentanglementScorerNodeSettings.LATENT_COLUMNS);
            final double[][] t = FieldTables.readDoubles(table,
                FieldTables.columns(spec, theta, DoubleValue.class, DisentanglementScorerNodeSettings.THETA_COLUMNS),
                null, DisentanglementScorerNodeSettings.THETA_COLUMNS);
            exec.checkCanceled();
            scores = KnimeProgress.run(exec, p -> DisentanglementScorer.score(engine, z, t, p));
        } catch (InvalidSettingsException | FieldVaeException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
        out.setOutData(scoreTable(scores, latent.size(), theta.size(), exec),
            correlationTable(scores, latent, theta, exec));
        if (!scores.warnings().isEmpty()) {
            out.setWarningMessage(String.join("; ", scores.warnings()));
        }
    }

    static DataTableSpec scoreSpec(final int latents, final int parameters) {
        return doubleSpec(ScoreTables.columns(latents, parameters));
    }

    static DataTableSpec correlationSpec(final List<String> theta) {
        return doubleSpec(theta);
    }

    private static DataTableSpec doubleSpec(final List<String> names) {
        return new DataTableSpec(
            names.stream().map(n -> new DataColumnSpecCreator(n, DoubleCell.TYPE).createSpec())
                .toArray(DataColumnSpec[]::new));
    }

    private static BufferedDataTable scoreTable(final Scores scores, final int latents, final int parameters,
        final ExecutionContext exec) {
        final BufferedDataContainer container = exec.createDataContainer(scoreSpec(latents, parameters));
        final Map<String, Double> row = ScoreTables.row(scores);
        container.addRowToTable(new DefaultRow(new RowKey("scores"),
            row.values().stream().map(DoubleCell::new).toArray(DoubleCell[]::new)));
        container.close();
        return container.getTable();
    }

    /** Rows z_i named after the latent columns, columns theta_j: Pearson correlation from the engine. */
    private static BufferedDataTable correlationTable(final Scores scores, final List<String> latent,
        final List<String> theta, final ExecutionContext exec) {
        final BufferedDataContainer container = exec.createDataContainer(correlationSpec(theta));
        final double[][] correlation = scores.correlation();
        for (int i = 0; i < latent.size(); i++) {
            final DoubleCell[] cells = new DoubleCell[theta.size()];
            for (int j = 0; j < cells.length; j++) {
                cells[j] = new DoubleCell(correlation[i][j]);
            }
            container.addRowToTable(new DefaultRow(new RowKey(latent.get(i)), cells));
        }
        container.close();
        return container.getTable();
    }
}
