package org.fieldvae.knime.node.vae;

import java.util.Arrays;
import java.util.List;

import org.fieldvae.knime.support.table.FieldColumns;
import org.fieldvae.knime.support.vae.LearnerOptions;
import org.fieldvae.vae.VaeSettings;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.After;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.layout.Section;
import org.knime.node.parameters.migration.Migration;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.updates.util.BooleanReference;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.filter.ColumnFilter;
import org.knime.node.parameters.widget.choices.util.ColumnSelectionUtil;
import org.knime.node.parameters.widget.choices.util.CompatibleColumnsProvider;
import org.knime.node.parameters.widget.choices.util.CompatibleColumnsProvider.DoubleColumnsProvider;

/**
 * Settings of the VAE Learner: the input columns, then {@link VaeSettings} group by group, one settings class per
 * engine record (as KNIME's examples compose settings), with the engine's enums; titles and defaults come from
 * {@link LearnerOptions}, so they equal the engine's standard-prior defaults; grid and channels come from the fields.
 * Workflows saved before the groups kept every setting at the top level; each group's migration loads them from there.
 */
final class VaeLearnerNodeSettings implements NodeParameters {

    static final String THETA_COLUMNS = "Parameter (theta) columns";

    static final String LABELLED_COLUMN = "Labelled column";

    /**
     * Stands in for the fields' grid, which only the data know: large enough for any encoder depth, so validation
     * checks every option but the fit of blocks and grid, which execute reports.
     */
    private static final int ANY_GRID = (1 << 16) + 1;

    @Section(title = "Input")
    interface InputSection {
    }

    @Section(title = "Architecture")
    @After(InputSection.class)
    interface ArchitectureSection {
    }

    @Section(title = "Prior and loss")
    @After(ArchitectureSection.class)
    interface PriorSection {
    }

    @Section(title = "Training")
    @After(PriorSection.class)
    interface TrainingSection {
    }

    @Section(title = "Beta schedule")
    @After(TrainingSection.class)
    interface BetaSection {
    }

    @Section(title = "Semi-supervised training")
    @After(BetaSection.class)
    interface SemiSupervisedSection {
    }

    static final class UseLabelledRef implements BooleanReference {
    }

    static final class IsSemiSupervisedWithLabelledColumn implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getBoolean(PriorAndLossParameters.SemiSupervisedRef.class).isTrue()
                .and(i.getBoolean(UseLabelledRef.class).isTrue());
        }
    }

    /** Boolean columns of the input table. */
    static final class BooleanColumnsProvider extends CompatibleColumnsProvider {
        BooleanColumnsProvider() {
            super(BooleanValue.class);
        }
    }

    @Layout(InputSection.class)
    FieldInputSettings m_fields = new FieldInputSettings();

    @Migration(ArchitectureParameters.FromFlatKeys.class)
    ArchitectureParameters m_architecture = new ArchitectureParameters();

    @Migration(PriorAndLossParameters.FromFlatKeys.class)
    PriorAndLossParameters m_priorAndLoss = new PriorAndLossParameters();

    @Migration(ScheduleParameters.FromFlatKeys.class)
    ScheduleParameters m_schedule = new ScheduleParameters();

    @Migration(BetaParameters.FromFlatKeys.class)
    BetaParameters m_beta = new BetaParameters();

    @Migration(RunParameters.FromFlatKeys.class)
    RunParameters m_run = new RunParameters();

    @Layout(SemiSupervisedSection.class)
    @Widget(title = THETA_COLUMNS, description = "The generative parameters theta_1..theta_p used as labels, in "
        + "table order; p must equal the latent dimension. Unlabelled rows may leave them missing.")
    @ChoicesProvider(DoubleColumnsProvider.class)
    @Effect(predicate = PriorAndLossParameters.SemiSupervisedRef.class, type = EffectType.SHOW)
    ColumnFilter m_thetaColumns = new ColumnFilter();

    @Layout(SemiSupervisedSection.class)
    @Widget(title = "Use a labelled column", description = "Read which rows are labelled from a boolean column "
        + "(e.g. the 'labelled' column of the Semi-supervised Labeler); otherwise every row is labelled.")
    @ValueReference(UseLabelledRef.class)
    @Effect(predicate = PriorAndLossParameters.SemiSupervisedRef.class, type = EffectType.SHOW)
    boolean m_useLabelledColumn = true;

    @Layout(SemiSupervisedSection.class)
    @Widget(title = LABELLED_COLUMN, description = "Boolean column: true where the row's theta may be used as a "
        + "label.")
    @ChoicesProvider(BooleanColumnsProvider.class)
    @Effect(predicate = IsSemiSupervisedWithLabelledColumn.class, type = EffectType.SHOW)
    String m_labelledColumn = FieldColumns.LABELLED;

    VaeLearnerNodeSettings() {
    }

    /** Preselects the field columns and the theta_k columns of the input table. */
    VaeLearnerNodeSettings(final NodeParametersInput context) {
        context.getInTableSpec(0).ifPresent(spec -> {
            m_fields = new FieldInputSettings(spec);
            final List<String> names = ColumnSelectionUtil.getDoubleColumns(spec).stream()
                .map(DataColumnSpec::getName).toList();
            m_thetaColumns = new ColumnFilter(FieldColumns.thetaColumnsIn(names).toArray(String[]::new));
        });
    }

    @Override
    public void validate() throws InvalidSettingsException {
        toEngine(ANY_GRID, 1);
    }

    /**
     * @return the options as the plain record
     * @throws IllegalArgumentException naming the dialog option of an invalid beta or run value
     */
    LearnerOptions toOptions() {
        return new LearnerOptions(m_architecture.toOptions(), m_priorAndLoss.toOptions(), m_schedule.toOptions(),
            m_beta.toEngine(), m_run.toEngine());
    }

    /**
     * @param grid nodes per side of the input fields
     * @param channels channels of the input fields
     * @return the engine settings
     * @throws InvalidSettingsException naming the option of an invalid value
     */
    VaeSettings toEngine(final int grid, final int channels) throws InvalidSettingsException {
        try {
            return toOptions().toSettings(grid, channels);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /**
     * @return the chosen theta columns (empty without semi-supervision)
     * @throws InvalidSettingsException naming the option if semi-supervised training has no or missing columns
     */
    List<String> thetaColumns(final DataTableSpec spec) throws InvalidSettingsException {
        if (!m_priorAndLoss.m_semiSupervised) {
            return List.of();
        }
        final List<DataColumnSpec> numeric = ColumnSelectionUtil.getDoubleColumns(spec);
        final String[] missing = m_thetaColumns.getMissingSelected(numeric);
        if (missing.length > 0) {
            throw new InvalidSettingsException(THETA_COLUMNS + ": " + Arrays.toString(missing)
                + " selected but not numeric columns of the input table");
        }
        final List<String> theta = List.of(m_thetaColumns.filter(numeric));
        if (theta.size() != m_architecture.m_latent) {
            throw new InvalidSettingsException(THETA_COLUMNS + ": " + theta.size() + " selected " + theta
                + "; semi-supervised training needs one per latent dimension (" + m_architecture.m_latent + ")");
        }
        return theta;
    }

    /** @return the labelled column, or null if every row is labelled or training is not semi-supervised */
    String labelledColumn() {
        return m_priorAndLoss.m_semiSupervised && m_useLabelledColumn ? m_labelledColumn : null;
    }
}
