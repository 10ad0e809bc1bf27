package org.fieldvae.knime.node.vae;

import org.fieldvae.knime.support.vae.LearnerOptions;
import org.fieldvae.knime.support.vae.PriorOptions;
import org.fieldvae.vae.HpDecoder;
import org.fieldvae.vae.LossScale;
import org.fieldvae.vae.PriorKind;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.migration.DefaultProvider;
import org.knime.node.parameters.migration.Migration;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.updates.util.BooleanReference;

/** The VAE Learner's {@link org.fieldvae.vae.PriorAndLoss} group. */
final class PriorAndLossParameters implements NodeParameters {

    private static final PriorOptions DEFAULTS = LearnerOptions.defaults().prior();

    interface PriorRef extends ParameterReference<PriorKind> {
    }

    static final class IsScaled implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(PriorRef.class).isOneOf(PriorKind.SCALED);
        }
    }

    static final class IsHierarchical implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(PriorRef.class).isOneOf(PriorKind.HIERARCHICAL);
        }
    }

    static final class SemiSupervisedRef implements BooleanReference {
    }

    @Layout(VaeLearnerNodeSettings.PriorSection.class)
    @Widget(title = LearnerOptions.PRIOR, description = "The prior p(z) of the latent space (paper Sections 2 and "
        + "3.2). Standard: N(0, I). Scaled: N(0, diag(variances)) with the given variances. Hierarchical: the "
        + "integral of p(z|xi) p(xi) with learned networks (paper Eq. 13-14); the paper trains it for 14000 epochs, "
        + "6500 reconstruction-only, with learning rate 3e-4, 5e-5 from epoch 6499 and 2.5e-5 from 12500.")
    @ValueReference(PriorRef.class)
    PriorKind m_prior = DEFAULTS.prior();

    @Layout(VaeLearnerNodeSettings.PriorSection.class)
    @Widget(title = LearnerOptions.PRIOR_VARIANCES, description = "Variances of the scaled prior, comma-separated, "
        + "one positive number per latent dimension, e.g. 1, 2.")
    @Effect(predicate = IsScaled.class, type = EffectType.SHOW)
    String m_priorVariances = "1, 1";

    @Layout(VaeLearnerNodeSettings.PriorSection.class)
    @Widget(title = LearnerOptions.HP_DECODER, description = "The hierarchical prior's decoder network p(z|xi). "
        + "Intended: n-8n-8n-n, as the paper describes it. As coded: n-8n-n with a ReLU on the output, what the "
        + "authors' code ran (its second hidden layer and output layer share one name); the default, as it disentangled "
        + "more runs in FieldVAE's comparison. The model records which ran.")
    @Effect(predicate = IsHierarchical.class, type = EffectType.SHOW)
    @Migration(IntendedInOlderWorkflows.class)
    HpDecoder m_hpDecoder = DEFAULTS.hpDecoder();

    /** A workflow saved before the option existed ran the intended decoder, and keeps it. */
    static final class IntendedInOlderWorkflows implements DefaultProvider<HpDecoder> {
        @Override
        public HpDecoder getDefault() {
            return HpDecoder.INTENDED;
        }
    }

    @Layout(VaeLearnerNodeSettings.PriorSection.class)
    @Widget(title = LearnerOptions.LOSS_SCALE, description = "How the loss terms are normalised. Per pixel: the "
        + "authors' scale, the Gaussian log-likelihood averaged over pixels, the KL averaged over latent dimensions "
        + "(the paper's beta schedule assumes it). ELBO: the true negative ELBO, sums over pixels, channels and "
        + "latent dimensions.")
    LossScale m_lossScale = DEFAULTS.lossScale();

    @Layout(VaeLearnerNodeSettings.PriorSection.class)
    @Widget(title = LearnerOptions.LOG_VARIANCE_BOUND, description = "Latent and output log-variances are clipped "
        + "to [-bound, bound], 1 to 80; keeps a diverging run finite (the authors clip nothing).")
    double m_logVarianceBound = DEFAULTS.logVarianceBound();

    @Layout(VaeLearnerNodeSettings.BetaSection.class)
    @Widget(title = LearnerOptions.SUB_LATENT_SCHEDULE, description = "With the hierarchical prior: weight the "
        + "sub-latent KL term by its own Klushyn-type beta driven by -log p(z|xi) (paper Appendix B).")
    @Effect(predicate = IsHierarchical.class, type = EffectType.SHOW)
    boolean m_subLatentSchedule = DEFAULTS.subLatentSchedule();

    @Layout(VaeLearnerNodeSettings.BetaSection.class)
    @Widget(title = LearnerOptions.BETA_P0, description = "Start of the sub-latent beta, positive (paper 1e-8).")
    @Effect(predicate = IsHierarchical.class, type = EffectType.SHOW)
    double m_betaP0 = DEFAULTS.betaP0();

    @Layout(VaeLearnerNodeSettings.SemiSupervisedSection.class)
    @Widget(title = LearnerOptions.SEMI_SUPERVISED, description = "Add -log q(z = theta | y) for the labelled "
        + "samples (paper Eq. 29), which ties latent i to parameter i. Needs as many theta columns as latent "
        + "dimensions.")
    @ValueReference(SemiSupervisedRef.class)
    boolean m_semiSupervised = DEFAULTS.semiSupervised();

    PriorOptions toOptions() {
        return new PriorOptions(m_prior, m_priorVariances, m_hpDecoder, m_lossScale, m_logVarianceBound,
            m_semiSupervised, m_subLatentSchedule, m_betaP0);
    }

    /** Loads the group from a workflow saved before the settings were grouped (and before the decoder choice). */
    static final class FromFlatKeys extends FlatKeysMigration<PriorAndLossParameters> {
        FromFlatKeys() {
            super(PriorAndLossParameters.class, "prior", "priorVariances", "lossScale", "logVarianceBound",
                "semiSupervised", "subLatentSchedule", "betaP0");
        }
    }
}
