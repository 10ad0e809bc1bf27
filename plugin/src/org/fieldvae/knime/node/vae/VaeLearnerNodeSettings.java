package org.fieldvae.knime.node.vae;

import java.util.Arrays;
import java.util.List;

import org.fieldvae.knime.support.table.FieldColumns;
import org.fieldvae.knime.support.vae.LearnerOptions;
import org.fieldvae.knime.support.vae.RateStep;
import org.fieldvae.nn.InitScheme;
import org.fieldvae.vae.BetaScheduleKind;
import org.fieldvae.vae.LossScale;
import org.fieldvae.vae.OutputVarianceStart;
import org.fieldvae.vae.PriorKind;
import org.fieldvae.vae.VaeSettings;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.array.ArrayWidget;
import org.knime.node.parameters.layout.After;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.layout.Section;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.updates.util.BooleanReference;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.filter.ColumnFilter;
import org.knime.node.parameters.widget.choices.util.ColumnSelectionUtil;
import org.knime.node.parameters.widget.choices.util.CompatibleColumnsProvider;
import org.knime.node.parameters.widget.choices.util.CompatibleColumnsProvider.DoubleColumnsProvider;

/**
 * Settings of the VAE Learner: the input columns and {@link VaeSettings} one-to-one (titles and defaults from
 * {@link LearnerOptions}, so they equal the engine's standard-prior defaults); grid and channels come from the fields.
 */
final class VaeLearnerNodeSettings implements NodeParameters {

    static final String THETA_COLUMNS = "Parameter (theta) columns";

    static final String LABELLED_COLUMN = "Labelled column";

    private static final LearnerOptions DEFAULTS = LearnerOptions.defaults();

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

    enum Init {
        @Label(value = "Xavier uniform", description = "U(-a, a), a = sqrt(6 / (fan_in + fan_out)), as the paper "
            + "states (Section 4.2).")
        XAVIER_UNIFORM(InitScheme.XAVIER_UNIFORM),

        @Label(value = "PyTorch default", description = "Kaiming uniform with a = sqrt(5), which the authors' code "
            + "used by not setting any initialisation.")
        PYTORCH_DEFAULT(InitScheme.PYTORCH_DEFAULT);

        final InitScheme m_engine;

        Init(final InitScheme engine) {
            m_engine = engine;
        }
    }

    enum VarianceStart {
        @Label(value = "Zero", description = "Each pixel's output log-variance starts at 0 (unit variance), as the "
            + "paper and the authors' code.")
        ZERO(OutputVarianceStart.ZERO),

        @Label(value = "Data variance", description = "Each pixel's output log-variance starts at the log of the "
            + "training fields' variance there (averaged over channels): short runs reach a good likelihood.")
        DATA_VARIANCE(OutputVarianceStart.DATA_VARIANCE);

        final OutputVarianceStart m_engine;

        VarianceStart(final OutputVarianceStart engine) {
            m_engine = engine;
        }
    }

    enum Prior {
        @Label(value = "Standard", description = "p(z) = N(0, I).")
        STANDARD(PriorKind.STANDARD),

        @Label(value = "Scaled", description = "p(z) = N(0, diag(variances)) with the given variances.")
        SCALED(PriorKind.SCALED),

        @Label(value = "Hierarchical", description = "p(z) = integral of p(z|xi) p(xi) with learned networks "
            + "(paper Eq. 13-14). The paper trains it for 14000 epochs, 6500 reconstruction-only, with learning rate "
            + "3e-4, 5e-5 from epoch 6499 and 2.5e-5 from 12500; set these below.")
        HIERARCHICAL(PriorKind.HIERARCHICAL);

        final PriorKind m_engine;

        Prior(final PriorKind engine) {
            m_engine = engine;
        }

        interface Ref extends ParameterReference<Prior> {
        }

        static final class IsScaled implements EffectPredicateProvider {
            @Override
            public EffectPredicate init(final PredicateInitializer i) {
                return i.getEnum(Ref.class).isOneOf(SCALED);
            }
        }

        static final class IsHierarchical implements EffectPredicateProvider {
            @Override
            public EffectPredicate init(final PredicateInitializer i) {
                return i.getEnum(Ref.class).isOneOf(HIERARCHICAL);
            }
        }
    }

    enum Scale {
        @Label(value = "Per pixel", description = "The authors' scale: the Gaussian log-likelihood averaged over "
            + "pixels, the KL averaged over latent dimensions. The paper's beta schedule assumes it.")
        PER_PIXEL(LossScale.PER_PIXEL),

        @Label(value = "ELBO", description = "The true negative ELBO: sums over pixels, channels and latent "
            + "dimensions.")
        ELBO(LossScale.ELBO);

        final LossScale m_engine;

        Scale(final LossScale engine) {
            m_engine = engine;
        }
    }

    enum Beta {
        @Label(value = "Klushyn", description = "The constrained-optimisation update of Klushyn et al. 2019, capped "
            + "at 1: beta grows while the reconstruction error is above tau and shrinks below it.")
        KLUSHYN(BetaScheduleKind.KLUSHYN),

        @Label(value = "Fixed", description = "A constant beta (the beta-VAE).")
        FIXED(BetaScheduleKind.FIXED),

        @Label(value = "Cyclical", description = "Cyclical annealing (Fu et al. 2019): in each cycle beta rises "
            + "linearly to its maximum, then stays.")
        CYCLICAL(BetaScheduleKind.CYCLICAL);

        final BetaScheduleKind m_engine;

        Beta(final BetaScheduleKind engine) {
            m_engine = engine;
        }

        interface Ref extends ParameterReference<Beta> {
        }

        static final class IsKlushyn implements EffectPredicateProvider {
            @Override
            public EffectPredicate init(final PredicateInitializer i) {
                return i.getEnum(Ref.class).isOneOf(KLUSHYN);
            }
        }

        static final class UsesFixedBeta implements EffectPredicateProvider {
            @Override
            public EffectPredicate init(final PredicateInitializer i) {
                return i.getEnum(Ref.class).isOneOf(FIXED, CYCLICAL);
            }
        }

        static final class IsCyclical implements EffectPredicateProvider {
            @Override
            public EffectPredicate init(final PredicateInitializer i) {
                return i.getEnum(Ref.class).isOneOf(CYCLICAL);
            }
        }
    }

    /** One step of the learning-rate schedule. */
    static final class RateStepSettings implements NodeParameters {
        @Widget(title = "From epoch", description = "First epoch of this rate, counting from 0; the first step "
            + "must start at 0 and each later step after the previous one.")
        int m_fromEpoch;

        @Widget(title = "Learning rate", description = "Adam's learning rate from that epoch on, positive.")
        double m_rate = 1e-4;

        RateStepSettings() {
        }

        RateStepSettings(final RateStep step) {
            m_fromEpoch = step.fromEpoch();
            m_rate = step.rate();
        }
    }

    static final class SemiSupervisedRef implements BooleanReference {
    }

    static final class UseLabelledRef implements BooleanReference {
    }

    static final class IsSemiSupervisedWithLabelledColumn implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getBoolean(SemiSupervisedRef.class).isTrue().and(i.getBoolean(UseLabelledRef.class).isTrue());
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

    @Layout(ArchitectureSection.class)
    @Widget(title = LearnerOptions.BLOCKS, description = "Layers per dense block, comma-separated, an odd count of at "
        + "least 3: the first half (rounded down) in the encoder, the rest in the decoder. Paper: 4, 6, 4.")
    String m_blocks = DEFAULTS.blocks();

    @Layout(ArchitectureSection.class)
    @Widget(title = LearnerOptions.GROWTH, description = "Feature maps each dense layer adds (paper 4), at least 1.")
    int m_growth = DEFAULTS.growth();

    @Layout(ArchitectureSection.class)
    @Widget(title = LearnerOptions.INITIAL_FEATURES, description = "Feature maps of the first convolution "
        + "(paper 2), at least 1.")
    int m_initialFeatures = DEFAULTS.initialFeatures();

    @Layout(ArchitectureSection.class)
    @Widget(title = LearnerOptions.LATENT, description = "Dimension n of the latent space (paper 2), at least 1.")
    int m_latent = DEFAULTS.latent();

    @Layout(ArchitectureSection.class)
    @Widget(title = LearnerOptions.INIT, description = "How the weights start; biases start at 0.")
    Init m_init = Arrays.stream(Init.values()).filter(v -> v.m_engine == DEFAULTS.init()).findFirst().orElseThrow();

    @Layout(PriorSection.class)
    @Widget(title = LearnerOptions.PRIOR, description = "The prior p(z) of the latent space (paper Sections 2 and "
        + "3.2).")
    @ValueReference(Prior.Ref.class)
    Prior m_prior = Arrays.stream(Prior.values()).filter(v -> v.m_engine == DEFAULTS.prior()).findFirst()
        .orElseThrow();

    @Layout(PriorSection.class)
    @Widget(title = LearnerOptions.PRIOR_VARIANCES, description = "Variances of the scaled prior, comma-separated, "
        + "one positive number per latent dimension, e.g. 1, 2.")
    @Effect(predicate = Prior.IsScaled.class, type = EffectType.SHOW)
    String m_priorVariances = "1, 1";

    @Layout(PriorSection.class)
    @Widget(title = LearnerOptions.LOSS_SCALE, description = "How the loss terms are normalised.")
    Scale m_lossScale = Arrays.stream(Scale.values()).filter(v -> v.m_engine == DEFAULTS.lossScale()).findFirst()
        .orElseThrow();

    @Layout(PriorSection.class)
    @Widget(title = LearnerOptions.LOG_VARIANCE_BOUND, description = "Latent and output log-variances are clipped "
        + "to [-bound, bound], 1 to 80; keeps a diverging run finite (the authors clip nothing).")
    double m_logVarianceBound = DEFAULTS.logVarianceBound();

    @Layout(TrainingSection.class)
    @Widget(title = LearnerOptions.OUTPUT_VARIANCE_START, description = "Where the trainable output log-variance "
        + "(one value per pixel) starts. Adam moves it by about the learning rate per step, so from 0 a short run "
        + "ends far from the likelihood's optimum.")
    VarianceStart m_outputVarianceStart = Arrays.stream(VarianceStart.values())
        .filter(v -> v.m_engine == DEFAULTS.outputVarianceStart()).findFirst().orElseThrow();

    @Layout(TrainingSection.class)
    @Widget(title = LearnerOptions.OUTPUT_VARIANCE_RATE, description = "The output log-variance learns at this "
        + "multiple of the learning rate, 0.001 to 1000 (the paper: 1).")
    double m_outputVarianceRate = DEFAULTS.outputVarianceRate();

    @Layout(TrainingSection.class)
    @Widget(title = LearnerOptions.EPOCHS, description = "Training epochs, at least 0 (paper: 6500, hierarchical "
        + "prior 14000).")
    int m_epochs = DEFAULTS.epochs();

    @Layout(TrainingSection.class)
    @Widget(title = LearnerOptions.REC_EPOCHS, description = "Epochs at the start that train the reconstruction "
        + "only (beta = initial beta), 0 to the number of epochs (paper: 4000, hierarchical prior 6500).")
    int m_recEpochs = DEFAULTS.recEpochs();

    @Layout(TrainingSection.class)
    @Widget(title = LearnerOptions.BATCH, description = "Minibatch size, at least 2 (paper 64).")
    int m_batch = DEFAULTS.batch();

    @Layout(TrainingSection.class)
    @Widget(title = LearnerOptions.LEARNING_RATE, description = "Piecewise-constant learning rate of Adam: each "
        + "step holds from its epoch until the next step's. Paper: 5e-4 from epoch 0, 1e-4 from epoch 5900.")
    @ArrayWidget(elementTitle = "Step", addButtonText = "Add step")
    RateStepSettings[] m_learningRate =
        DEFAULTS.learningRate().stream().map(RateStepSettings::new).toArray(RateStepSettings[]::new);

    @Layout(TrainingSection.class)
    @Widget(title = LearnerOptions.SEED, description = "Seed of initialisation, shuffling and reparameterisation "
        + "noise; the same seed, settings and data give the same model.")
    long m_seed = DEFAULTS.seed();

    @Layout(TrainingSection.class)
    @Widget(title = LearnerOptions.CHECKPOINT_EVERY, description = "Write a checkpoint every this many epochs (and "
        + "at the end), at least 1. Re-executing the node with the same settings and data continues from the last "
        + "checkpoint instead of starting again.")
    int m_checkpointEvery = DEFAULTS.checkpointEvery();

    @Layout(BetaSection.class)
    @Widget(title = LearnerOptions.BETA_SCHEDULE, description = "How the weight beta of the regularisation term "
        + "evolves after the reconstruction-only epochs.")
    @ValueReference(Beta.Ref.class)
    Beta m_betaSchedule = Arrays.stream(Beta.values()).filter(v -> v.m_engine == DEFAULTS.betaSchedule())
        .findFirst().orElseThrow();

    @Layout(BetaSection.class)
    @Widget(title = LearnerOptions.BETA0, description = "Beta during the reconstruction-only epochs and the start "
        + "of the Klushyn schedule, positive (paper 1e-9).")
    double m_beta0 = DEFAULTS.beta0();

    @Layout(BetaSection.class)
    @Widget(title = LearnerOptions.NU, description = "Step size nu of the Klushyn update, positive (paper 0.005).")
    @Effect(predicate = Beta.IsKlushyn.class, type = EffectType.SHOW)
    double m_nu = DEFAULTS.nu();

    @Layout(BetaSection.class)
    @Widget(title = LearnerOptions.TAU, description = "Target tau of the per-pixel reconstruction error in the "
        + "Klushyn update, positive (paper 1).")
    @Effect(predicate = Beta.IsKlushyn.class, type = EffectType.SHOW)
    double m_tau = DEFAULTS.tau();

    @Layout(BetaSection.class)
    @Widget(title = LearnerOptions.FIXED_BETA, description = "Beta of the fixed schedule, and the maximum of the "
        + "cyclical one, at least 0.")
    @Effect(predicate = Beta.UsesFixedBeta.class, type = EffectType.SHOW)
    double m_fixedBeta = DEFAULTS.fixedBeta();

    @Layout(BetaSection.class)
    @Widget(title = LearnerOptions.CYCLES, description = "Cycles of the cyclical schedule over the epochs after the "
        + "reconstruction-only ones, at least 1.")
    @Effect(predicate = Beta.IsCyclical.class, type = EffectType.SHOW)
    int m_cycles = DEFAULTS.cycles();

    @Layout(BetaSection.class)
    @Widget(title = LearnerOptions.CYCLE_RATIO, description = "Fraction of each cycle during which beta rises, in "
        + "(0, 1] (Fu et al.: 0.5).")
    @Effect(predicate = Beta.IsCyclical.class, type = EffectType.SHOW)
    double m_cycleRatio = DEFAULTS.cycleRatio();

    @Layout(BetaSection.class)
    @Widget(title = LearnerOptions.SUB_LATENT_SCHEDULE, description = "With the hierarchical prior: weight the "
        + "sub-latent KL term by its own Klushyn-type beta driven by -log p(z|xi) (paper Appendix B).")
    @Effect(predicate = Prior.IsHierarchical.class, type = EffectType.SHOW)
    boolean m_subLatentSchedule = DEFAULTS.subLatentSchedule();

    @Layout(BetaSection.class)
    @Widget(title = LearnerOptions.BETA_P0, description = "Start of the sub-latent beta, positive (paper 1e-8).")
    @Effect(predicate = Prior.IsHierarchical.class, type = EffectType.SHOW)
    double m_betaP0 = DEFAULTS.betaP0();

    @Layout(SemiSupervisedSection.class)
    @Widget(title = LearnerOptions.SEMI_SUPERVISED, description = "Add -log q(z = theta | y) for the labelled "
        + "samples (paper Eq. 29), which ties latent i to parameter i. Needs as many theta columns as latent "
        + "dimensions.")
    @ValueReference(SemiSupervisedRef.class)
    boolean m_semiSupervised = DEFAULTS.semiSupervised();

    @Layout(SemiSupervisedSection.class)
    @Widget(title = THETA_COLUMNS, description = "The generative parameters theta_1..theta_p used as labels, in "
        + "table order; p must equal the latent dimension. Unlabelled rows may leave them missing.")
    @ChoicesProvider(DoubleColumnsProvider.class)
    @Effect(predicate = SemiSupervisedRef.class, type = EffectType.SHOW)
    ColumnFilter m_thetaColumns = new ColumnFilter();

    @Layout(SemiSupervisedSection.class)
    @Widget(title = "Use a labelled column", description = "Read which rows are labelled from a boolean column "
        + "(e.g. the 'labelled' column of the Semi-supervised Labeler); otherwise every row is labelled.")
    @ValueReference(UseLabelledRef.class)
    @Effect(predicate = SemiSupervisedRef.class, type = EffectType.SHOW)
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

    /** @return the options as the plain record */
    LearnerOptions toOptions() {
        final List<RateStep> steps = m_learningRate == null ? List.of()
            : Arrays.stream(m_learningRate).map(s -> new RateStep(s.m_fromEpoch, s.m_rate)).toList();
        return new LearnerOptions(m_blocks, m_growth, m_initialFeatures, m_latent,
            m_init == null ? null : m_init.m_engine, m_prior == null ? null : m_prior.m_engine, m_priorVariances,
            m_lossScale == null ? null : m_lossScale.m_engine, m_logVarianceBound, m_epochs, m_recEpochs, m_batch,
            steps, m_betaSchedule == null ? null : m_betaSchedule.m_engine, m_beta0, m_nu, m_tau, m_fixedBeta,
            m_cycles, m_cycleRatio, m_subLatentSchedule, m_betaP0, m_seed, m_checkpointEvery, m_semiSupervised,
            m_outputVarianceStart == null ? null : m_outputVarianceStart.m_engine, m_outputVarianceRate);
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
        if (!m_semiSupervised) {
            return List.of();
        }
        final List<DataColumnSpec> numeric = ColumnSelectionUtil.getDoubleColumns(spec);
        final String[] missing = m_thetaColumns.getMissingSelected(numeric);
        if (missing.length > 0) {
            throw new InvalidSettingsException(THETA_COLUMNS + ": " + Arrays.toString(missing)
                + " selected but not numeric columns of the input table");
        }
        final List<String> theta = List.of(m_thetaColumns.filter(numeric));
        if (theta.size() != m_latent) {
            throw new InvalidSettingsException(THETA_COLUMNS + ": " + theta.size() + " selected " + theta
                + "; semi-supervised training needs one per latent dimension (" + m_latent + ")");
        }
        return theta;
    }

    /** @return the labelled column, or null if every row is labelled or training is not semi-supervised */
    String labelledColumn() {
        return m_semiSupervised && m_useLabelledColumn ? m_labelledColumn : null;
    }
}
