package org.fieldvae.knime.node.kle;

import static org.fieldvae.knime.support.kle.KleSamplerOptions.COUNT_TITLE;
import static org.fieldvae.knime.support.kle.KleSamplerOptions.DESIGN_TITLE;
import static org.fieldvae.knime.support.kle.KleSamplerOptions.DISTRIBUTION_TITLE;
import static org.fieldvae.knime.support.kle.KleSamplerOptions.GRID_TITLE;
import static org.fieldvae.knime.support.kle.KleSamplerOptions.KERNEL_TITLE;
import static org.fieldvae.knime.support.kle.KleSamplerOptions.LENGTH_TITLE;
import static org.fieldvae.knime.support.kle.KleSamplerOptions.MEAN_TITLE;
import static org.fieldvae.knime.support.kle.KleSamplerOptions.MODES_TITLE;
import static org.fieldvae.knime.support.kle.KleSamplerOptions.SEED_TITLE;
import static org.fieldvae.knime.support.kle.KleSamplerOptions.VARIANCE_TITLE;

import org.fieldvae.kle.CovarianceKernel;
import org.fieldvae.kle.SampleDesign;
import org.fieldvae.knime.support.kle.KleSamplerOptions;
import org.fieldvae.knime.support.kle.ThetaChoice;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.After;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.layout.Section;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;

/**
 * Dialog and flow-variable settings of the KLE Permeability Sampler, one-to-one with {@link KleSamplerOptions}
 * (which validates them and maps them to the engine); the defaults are the engine's.
 */
final class KleSamplerNodeSettings implements NodeParameters {

    private static final KleSamplerOptions DEFAULTS = KleSamplerOptions.defaults();

    private static final ThetaChoice THETA_DEFAULTS = ThetaChoice.defaults();

    @Section(title = "Karhunen-Loeve expansion")
    interface KleSection {
    }

    @Section(title = DISTRIBUTION_TITLE)
    @After(KleSection.class)
    interface DistributionSection {
    }

    @Section(title = "Samples")
    @After(DistributionSection.class)
    interface SamplesSection {
    }

    /** The covariance kernels of the engine, with the dialog's labels. */
    enum Kernel {
        @Label(value = "Exponential", description = "k = s2 exp(-|x - x'| / l): the paper's Eq. 18, rough fields.")
        EXPONENTIAL,
        @Label(value = "Squared exponential",
            description = "k = s2 exp(-|x - x'|^2 / (2 l^2)): smooth fields, fast-decaying spectrum.")
        SQUARED_EXPONENTIAL;

        CovarianceKernel toEngine() {
            return CovarianceKernel.valueOf(name());
        }
    }

    /** The kinds of p(theta), with the dialog's labels. */
    enum Distribution {
        @Label(value = "Standard normal", description = "N(0, I): the paper's KLE2 and KLE4 data.")
        NORMAL,
        @Label(value = "Gaussian", description = "N(mean, var) with the mean and variance fields below.")
        GAUSSIAN,
        @Label(value = "Gaussian mixture", description = "A mixture of Gaussians with the fields below.")
        MIXTURE,
        @Label(value = "Bimodal",
            description = "0.5 N(a, s^2) + 0.5 N(-a, s^2), independently in each dimension.")
        BIMODAL,
        @Label(value = "Uniform", description = "U(low, high), independently in each dimension.")
        UNIFORM,
        @Label(value = "Spec string", description = "Any distribution of the command line's --dist grammar.")
        SPEC;

        ThetaChoice.Kind toPlain() {
            return ThetaChoice.Kind.valueOf(name());
        }

        interface Ref extends ParameterReference<Distribution> {
        }

        static final class IsGaussian implements EffectPredicateProvider {
            @Override
            public EffectPredicate init(final PredicateInitializer i) {
                return i.getEnum(Ref.class).isOneOf(GAUSSIAN);
            }
        }

        static final class IsMixture implements EffectPredicateProvider {
            @Override
            public EffectPredicate init(final PredicateInitializer i) {
                return i.getEnum(Ref.class).isOneOf(MIXTURE);
            }
        }

        static final class IsBimodal implements EffectPredicateProvider {
            @Override
            public EffectPredicate init(final PredicateInitializer i) {
                return i.getEnum(Ref.class).isOneOf(BIMODAL);
            }
        }

        static final class IsUniform implements EffectPredicateProvider {
            @Override
            public EffectPredicate init(final PredicateInitializer i) {
                return i.getEnum(Ref.class).isOneOf(UNIFORM);
            }
        }

        static final class IsSpec implements EffectPredicateProvider {
            @Override
            public EffectPredicate init(final PredicateInitializer i) {
                return i.getEnum(Ref.class).isOneOf(SPEC);
            }
        }
    }

    /** The sample designs of the engine, with the dialog's labels. */
    enum Design {
        @Label(value = "Latin hypercube", description = "One sample per probability stratum and dimension.")
        LHS,
        @Label(value = "Monte Carlo", description = "Independent draws.")
        MC;

        SampleDesign toEngine() {
            return SampleDesign.valueOf(name());
        }
    }

    /** The grid needs at least 3 nodes per side (KleSettings). */
    static final class AtLeastThree extends MinValidation {
        @Override
        protected double getMin() {
            return 3;
        }
    }

    @Layout(KleSection.class)
    @Widget(title = GRID_TITLE, description = "n, the number of grid nodes per side of the unit square; the fields are "
        + "n x n with node spacing h = 1/(n-1). At least 3. The paper uses 65.")
    @NumberInputWidget(minValidation = AtLeastThree.class)
    int m_grid = DEFAULTS.grid();

    @Layout(KleSection.class)
    @Widget(title = KERNEL_TITLE, description = "The covariance kernel of the log-permeability G.")
    Kernel m_kernel = Kernel.valueOf(DEFAULTS.kernel().name());

    @Layout(KleSection.class)
    @Widget(title = LENGTH_TITLE, description = "l, the correlation length of the kernel in units of the domain "
        + "side; greater than 0. The paper uses 0.1.")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    double m_length = DEFAULTS.length();

    @Layout(KleSection.class)
    @Widget(title = VARIANCE_TITLE, description = "s2, the pointwise variance of G = log K; greater than 0. The "
        + "paper uses 1.")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    double m_variance = DEFAULTS.variance();

    @Layout(KleSection.class)
    @Widget(title = MODES_TITLE, description = "p, the number of leading eigenpairs kept and so the number of "
        + "generative parameters theta_1..theta_p; between 1 and n^2. The paper's KLE2 uses 2, KLE4 uses 4.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_modes = DEFAULTS.modes();

    @Layout(KleSection.class)
    @Widget(title = MEAN_TITLE, description = "m in G = m + sum_k sqrt(lambda_k) theta_k phi_k; finite. The paper "
        + "uses 0.")
    double m_mean = DEFAULTS.mean();

    @Layout(DistributionSection.class)
    @Widget(title = DISTRIBUTION_TITLE, description = "The distribution p(theta) the generative parameters are "
        + "drawn from; its parameters are set in the fields that appear for the chosen kind.")
    @ValueReference(Distribution.Ref.class)
    Distribution m_distribution = Distribution.valueOf(DEFAULTS.distribution().kind().name());

    @Layout(DistributionSection.class)
    @Widget(title = "Gaussian mean", description = "The mean vector m1,..,mp (p numbers separated by commas); "
        + "empty for 0.")
    @Effect(predicate = Distribution.IsGaussian.class, type = EffectType.SHOW)
    String m_gaussianMean = THETA_DEFAULTS.gaussianMean();

    @Layout(DistributionSection.class)
    @Widget(title = "Gaussian variance", description = "One variance v (covariance v I) or p variances v1,..,vp "
        + "(diagonal covariance); empty for the identity. A full covariance needs the spec string.")
    @Effect(predicate = Distribution.IsGaussian.class, type = EffectType.SHOW)
    String m_gaussianVariance = THETA_DEFAULTS.gaussianVariance();

    @Layout(DistributionSection.class)
    @Widget(title = "Mixture means", description = "The means of the K components, each p numbers separated by "
        + "commas, components separated by semicolons, e.g. -1,-1;1,1;-1,1;1,-1 (the paper's mixture).")
    @Effect(predicate = Distribution.IsMixture.class, type = EffectType.SHOW)
    String m_mixtureMeans = THETA_DEFAULTS.mixtureMeans();

    @Layout(DistributionSection.class)
    @Widget(title = "Mixture weights", description = "K weights w1,..,wK separated by commas; empty for equal "
        + "weights.")
    @Effect(predicate = Distribution.IsMixture.class, type = EffectType.SHOW)
    String m_mixtureWeights = THETA_DEFAULTS.mixtureWeights();

    @Layout(DistributionSection.class)
    @Widget(title = "Mixture variance", description = "The variance shared by all components: v or v1,..,vp; "
        + "empty for the identity. The paper's mixture uses 0.25.")
    @Effect(predicate = Distribution.IsMixture.class, type = EffectType.SHOW)
    String m_mixtureVariance = THETA_DEFAULTS.mixtureVariance();

    @Layout(DistributionSection.class)
    @Widget(title = "Bimodal mode position", description = "a: the two modes sit at +a and -a in each dimension.")
    @Effect(predicate = Distribution.IsBimodal.class, type = EffectType.SHOW)
    double m_bimodalAt = THETA_DEFAULTS.bimodalAt();

    @Layout(DistributionSection.class)
    @Widget(title = "Bimodal standard deviation", description = "s, the standard deviation of each mode; greater "
        + "than 0.")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Effect(predicate = Distribution.IsBimodal.class, type = EffectType.SHOW)
    double m_bimodalSd = THETA_DEFAULTS.bimodalSd();

    @Layout(DistributionSection.class)
    @Widget(title = "Uniform low", description = "The lower end of the uniform interval.")
    @Effect(predicate = Distribution.IsUniform.class, type = EffectType.SHOW)
    double m_uniformLow = THETA_DEFAULTS.uniformLow();

    @Layout(DistributionSection.class)
    @Widget(title = "Uniform high", description = "The upper end of the uniform interval; greater than the low end.")
    @Effect(predicate = Distribution.IsUniform.class, type = EffectType.SHOW)
    double m_uniformHigh = THETA_DEFAULTS.uniformHigh();

    @Layout(DistributionSection.class)
    @Widget(title = "Spec string", description = "A distribution in the grammar of the command line's --dist: "
        + "normal; gaussian[:mean=m1,..,mp][:var=v | :var=v1,..,vp | :cov=c11,..,c1p;..;cp1,..,cpp]; "
        + "mixture:means=m11,..,m1p;..;mK1,..,mKp[:weights=w1,..,wK][:var=.. | :cov=..]; "
        + "bimodal[:at=a][:sd=s]; uniform:low=a:high=b.")
    @Effect(predicate = Distribution.IsSpec.class, type = EffectType.SHOW)
    String m_spec = THETA_DEFAULTS.spec();

    @Layout(SamplesSection.class)
    @Widget(title = DESIGN_TITLE, description = "How theta is spread over its distribution.")
    @ValueSwitchWidget
    Design m_design = Design.valueOf(DEFAULTS.design().name());

    @Layout(SamplesSection.class)
    @Widget(title = COUNT_TITLE, description = "N, the number of rows of the sample table; at least 1.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_count = DEFAULTS.count();

    @Layout(SamplesSection.class)
    @Widget(title = SEED_TITLE, description = "Seed of the random stream theta is drawn from: the same seed and "
        + "settings give the same samples on every machine.")
    long m_seed = DEFAULTS.seed();

    @Override
    public void validate() throws InvalidSettingsException {
        toOptions();
    }

    /**
     * @return the checked options
     * @throws InvalidSettingsException naming the option that is invalid
     */
    KleSamplerOptions toOptions() throws InvalidSettingsException {
        try {
            final ThetaChoice theta = new ThetaChoice(m_distribution == null ? null : m_distribution.toPlain(),
                m_gaussianMean, m_gaussianVariance, m_mixtureMeans, m_mixtureWeights, m_mixtureVariance, m_bimodalAt,
                m_bimodalSd, m_uniformLow, m_uniformHigh, m_spec);
            return new KleSamplerOptions(m_grid, m_kernel == null ? null : m_kernel.toEngine(), m_length,
                m_variance, m_modes, m_mean, theta, m_design == null ? null : m_design.toEngine(), m_count, m_seed);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
