package org.fieldvae.knime.node.vae;

import org.fieldvae.knime.support.vae.LearnerOptions;
import org.fieldvae.vae.BetaPlan;
import org.fieldvae.vae.BetaScheduleKind;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;

/** The VAE Learner's {@link BetaPlan} group. */
final class BetaParameters implements NodeParameters {

    private static final BetaPlan DEFAULTS = LearnerOptions.defaults().beta();

    interface BetaRef extends ParameterReference<BetaScheduleKind> {
    }

    static final class IsKlushyn implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(BetaRef.class).isOneOf(BetaScheduleKind.KLUSHYN);
        }
    }

    static final class UsesFixedBeta implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(BetaRef.class).isOneOf(BetaScheduleKind.FIXED, BetaScheduleKind.CYCLICAL);
        }
    }

    static final class IsCyclical implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(BetaRef.class).isOneOf(BetaScheduleKind.CYCLICAL);
        }
    }

    @Layout(VaeLearnerNodeSettings.BetaSection.class)
    @Widget(title = LearnerOptions.BETA_SCHEDULE, description = "How the weight beta of the regularisation term "
        + "evolves after the reconstruction-only epochs. Klushyn: the constrained-optimisation update of Klushyn et "
        + "al. 2019, capped at 1: beta grows while the reconstruction error is above tau and shrinks below it. Fixed: "
        + "a constant beta (the beta-VAE). Cyclical: cyclical annealing (Fu et al. 2019), in each cycle beta rises "
        + "linearly to its maximum, then stays.")
    @ValueReference(BetaRef.class)
    BetaScheduleKind m_betaSchedule = DEFAULTS.betaSchedule();

    @Layout(VaeLearnerNodeSettings.BetaSection.class)
    @Widget(title = LearnerOptions.BETA0, description = "Beta during the reconstruction-only epochs and the start "
        + "of the Klushyn schedule, positive (paper 1e-9).")
    double m_beta0 = DEFAULTS.beta0();

    @Layout(VaeLearnerNodeSettings.BetaSection.class)
    @Widget(title = LearnerOptions.NU, description = "Step size nu of the Klushyn update, positive (paper 0.005).")
    @Effect(predicate = IsKlushyn.class, type = EffectType.SHOW)
    double m_nu = DEFAULTS.nu();

    @Layout(VaeLearnerNodeSettings.BetaSection.class)
    @Widget(title = LearnerOptions.TAU, description = "Target tau of the per-pixel reconstruction error in the "
        + "Klushyn update, positive (paper 1).")
    @Effect(predicate = IsKlushyn.class, type = EffectType.SHOW)
    double m_tau = DEFAULTS.tau();

    @Layout(VaeLearnerNodeSettings.BetaSection.class)
    @Widget(title = LearnerOptions.FIXED_BETA, description = "Beta of the fixed schedule, and the maximum of the "
        + "cyclical one, at least 0.")
    @Effect(predicate = UsesFixedBeta.class, type = EffectType.SHOW)
    double m_fixedBeta = DEFAULTS.fixedBeta();

    @Layout(VaeLearnerNodeSettings.BetaSection.class)
    @Widget(title = LearnerOptions.CYCLES, description = "Cycles of the cyclical schedule over the epochs after the "
        + "reconstruction-only ones, at least 1.")
    @Effect(predicate = IsCyclical.class, type = EffectType.SHOW)
    int m_cycles = DEFAULTS.cycles();

    @Layout(VaeLearnerNodeSettings.BetaSection.class)
    @Widget(title = LearnerOptions.CYCLE_RATIO, description = "Fraction of each cycle during which beta rises, in "
        + "(0, 1] (Fu et al.: 0.5).")
    @Effect(predicate = IsCyclical.class, type = EffectType.SHOW)
    double m_cycleRatio = DEFAULTS.cycleRatio();

    /** @throws IllegalArgumentException naming the dialog option of an invalid value */
    BetaPlan toEngine() {
        return LearnerOptions.titled(
            () -> new BetaPlan(m_betaSchedule, m_beta0, m_nu, m_tau, m_fixedBeta, m_cycles, m_cycleRatio));
    }

    /** Loads the group from a workflow saved before the settings were grouped. */
    static final class FromFlatKeys extends FlatKeysMigration<BetaParameters> {
        FromFlatKeys() {
            super(BetaParameters.class, "betaSchedule", "beta0", "nu", "tau", "fixedBeta", "cycles", "cycleRatio");
        }
    }
}
