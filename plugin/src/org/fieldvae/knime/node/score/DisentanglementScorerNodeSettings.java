package org.fieldvae.knime.node.score;

import java.util.Arrays;
import java.util.List;

import org.fieldvae.knime.support.score.ScoreTables;
import org.fieldvae.knime.support.score.ScorerOptions;
import org.fieldvae.knime.support.table.FieldColumns;
import org.fieldvae.knime.support.vae.LatentColumns;
import org.fieldvae.score.ScoreSettings;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.After;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.layout.Section;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.choices.filter.ColumnFilter;
import org.knime.node.parameters.widget.choices.util.ColumnSelectionUtil;
import org.knime.node.parameters.widget.choices.util.CompatibleColumnsProvider.DoubleColumnsProvider;

/**
 * Settings of the Disentanglement Scorer: which columns are latents and which are generative parameters, and the
 * {@link ScoreSettings} one-to-one (titles and defaults from {@link ScorerOptions}, so they equal the engine's).
 */
final class DisentanglementScorerNodeSettings implements NodeParameters {

    static final String LATENT_COLUMNS = "Latent columns";

    static final String THETA_COLUMNS = "Parameter (theta) columns";

    @Section(title = "Columns")
    interface ColumnsSection {
    }

    @Section(title = "S_KL search")
    @After(ColumnsSection.class)
    interface KlSection {
    }

    @Section(title = "Other scores")
    @After(KlSection.class)
    interface OtherSection {
    }

    /** The engine's estimator variants with dialog labels. */
    enum Estimator {
        @Label(value = "Fixed k", description = "The k-th neighbour distances with fixed k (Wang, Kulkarni and "
            + "Verdu 2009, Eq. 5); the default, 2 to 4 times faster than the adaptive one.")
        FIXED(ScoreSettings.Estimator.FIXED),

        @Label(value = "Adaptive (epsilon 1)", description = "The adaptive epsilon-ball estimator with digamma "
            + "correction, as the paper used.")
        ADAPTIVE(ScoreSettings.Estimator.ADAPTIVE);

        private final ScoreSettings.Estimator m_engine;

        Estimator(final ScoreSettings.Estimator engine) {
            m_engine = engine;
        }

        static Estimator of(final ScoreSettings.Estimator engine) {
            return Arrays.stream(values()).filter(e -> e.m_engine == engine).findFirst().orElseThrow();
        }
    }

    private static final ScorerOptions DEFAULTS = ScorerOptions.defaults();

    @Layout(ColumnsSection.class)
    @Widget(title = LATENT_COLUMNS, description = "The latent codes z_1..z_n of each sample, e.g. the z_mean_i "
        + "columns the VAE Encoder appends. Numeric columns only.")
    @ChoicesProvider(DoubleColumnsProvider.class)
    ColumnFilter m_latentColumns = new ColumnFilter();

    @Layout(ColumnsSection.class)
    @Widget(title = THETA_COLUMNS, description = "The generative parameters theta_1..theta_p of the same samples "
        + "(e.g. the KLE coefficients). S_KL needs as many parameters as latents; the other scores do not.")
    @ChoicesProvider(DoubleColumnsProvider.class)
    ColumnFilter m_thetaColumns = new ColumnFilter();

    @Layout(KlSection.class)
    @Widget(title = ScorerOptions.K, description = "Neighbour order of the k-NN divergence estimator of S_KL, "
        + "1 to 50. k = 1 makes S_KL unbounded below (one latent can be moved onto one theta), so the default is 5.")
    int m_k = DEFAULTS.k();

    @Layout(KlSection.class)
    @Widget(title = ScorerOptions.ESTIMATOR, description = "Which k-NN divergence estimator S_KL minimises.")
    @ValueSwitchWidget
    Estimator m_estimator = Estimator.of(DEFAULTS.estimator());

    @Layout(KlSection.class)
    @Widget(title = ScorerOptions.STARTS, description = "Nelder-Mead starts for S_KL, 1 to 64: the moment-matching "
        + "start plus starts - 1 random perturbations of it.")
    int m_starts = DEFAULTS.starts();

    @Layout(KlSection.class)
    @Widget(title = ScorerOptions.PERMUTATIONS, description = "Also search the n! axis permutations and 2^n sign "
        + "flips of the latents (only for at most 4 latents; ignored with a warning otherwise).")
    boolean m_permutations = DEFAULTS.permutations();

    @Layout(KlSection.class)
    @Widget(title = ScorerOptions.MAX_EVALUATIONS, description = "Objective evaluations allowed per Nelder-Mead "
        + "start, 10 to 100000.")
    int m_maxEvaluations = DEFAULTS.maxEvaluations();

    @Layout(KlSection.class)
    @Widget(title = ScorerOptions.TOLERANCE, description = "Relative change of the estimate below which Nelder-Mead "
        + "stops, in (0, 0.1].")
    double m_tolerance = DEFAULTS.tolerance();

    @Layout(OtherSection.class)
    @Widget(title = ScorerOptions.SEED, description = "Seed of the random halves of S_KL, its extra starts and the "
        + "held-out split of DCI; the same seed gives the same scores.")
    long m_seed = DEFAULTS.seed();

    @Layout(OtherSection.class)
    @Widget(title = ScorerOptions.BINS, description = "Equal-width bins per variable for the mutual information of "
        + "MIG, 2 to 1000.")
    int m_bins = DEFAULTS.bins();

    DisentanglementScorerNodeSettings() {
    }

    /** Preselects the z_mean_i columns as latents and the theta_j columns as parameters. */
    DisentanglementScorerNodeSettings(final NodeParametersInput context) {
        context.getInTableSpec(0).ifPresent(spec -> {
            m_latentColumns = new ColumnFilter(withPrefix(spec, LatentColumns.MEAN_PREFIX));
            m_thetaColumns = new ColumnFilter(withPrefix(spec, FieldColumns.THETA_PREFIX));
        });
    }

    private static List<DataColumnSpec> withPrefix(final DataTableSpec spec, final String prefix) {
        return ColumnSelectionUtil.getDoubleColumns(spec).stream().filter(c -> c.getName().startsWith(prefix))
            .toList();
    }

    @Override
    public void validate() throws InvalidSettingsException {
        toEngine();
    }

    /** @return the engine settings @throws InvalidSettingsException naming the option of an invalid value */
    ScoreSettings toEngine() throws InvalidSettingsException {
        try {
            return new ScorerOptions(m_k, m_estimator == null ? null : m_estimator.m_engine, m_starts,
                m_permutations, m_seed, m_maxEvaluations, m_tolerance, m_bins).toSettings();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /**
     * @param spec the input table's spec
     * @return {latent names, theta names}, the selected numeric columns in table order
     * @throws InvalidSettingsException naming the option if a choice is empty or overlaps the other
     */
    List<List<String>> selectedColumns(final DataTableSpec spec) throws InvalidSettingsException {
        final List<DataColumnSpec> numeric = ColumnSelectionUtil.getDoubleColumns(spec);
        missing(LATENT_COLUMNS, m_latentColumns.getMissingSelected(numeric));
        missing(THETA_COLUMNS, m_thetaColumns.getMissingSelected(numeric));
        final List<String> latent = List.of(m_latentColumns.filter(numeric));
        final List<String> theta = List.of(m_thetaColumns.filter(numeric));
        try {
            ScoreTables.checkSelection(LATENT_COLUMNS, latent, THETA_COLUMNS, theta);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
        return List.of(latent, theta);
    }

    /** A selected column that vanished would silently change the scores, so it is an error, not a warning. */
    private static void missing(final String option, final String[] missing) throws InvalidSettingsException {
        if (missing.length > 0) {
            throw new InvalidSettingsException(option + ": " + Arrays.toString(missing)
                + " selected but not numeric columns of the input table");
        }
    }
}
