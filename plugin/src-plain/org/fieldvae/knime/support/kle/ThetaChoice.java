package org.fieldvae.knime.support.kle;

import org.fieldvae.kle.ThetaDistribution;

/**
 * The distribution p(theta) as a dialog offers it: a kind and the parameter fields of that kind, or the full
 * {@code --dist} spec of {@link ThetaDistribution#parse(String, int)} for anything the fields cannot say (e.g. a full
 * covariance). Fields of the other kinds are kept, unused, so switching the kind back restores them.
 *
 * @param kind which distribution
 * @param gaussianMean GAUSSIAN: mean vector "m1,..,mp" (blank: 0)
 * @param gaussianVariance GAUSSIAN: "v" (v I) or "v1,..,vp" (diagonal) (blank: I)
 * @param mixtureMeans MIXTURE: component means "m11,..,m1p;..;mK1,..,mKp"
 * @param mixtureWeights MIXTURE: "w1,..,wK" (blank: equal)
 * @param mixtureVariance MIXTURE: shared "v" or "v1,..,vp" (blank: I)
 * @param bimodalAt BIMODAL: the modes are at +-a in each dimension
 * @param bimodalSd BIMODAL: standard deviation s of each mode, > 0
 * @param uniformLow UNIFORM: lower end a
 * @param uniformHigh UNIFORM: upper end b > a
 * @param spec SPEC: the full spec string
 */
public record ThetaChoice(Kind kind, String gaussianMean, String gaussianVariance, String mixtureMeans,
    String mixtureWeights, String mixtureVariance, double bimodalAt, double bimodalSd, double uniformLow,
    double uniformHigh, String spec) {

    /** The kinds of {@link ThetaDistribution}'s grammar, plus the spec string itself. */
    public enum Kind {
        /** N(0, I), the paper's KLE2 and KLE4 data. */
        NORMAL,
        /** N(mean, var). */
        GAUSSIAN,
        /** Gaussian mixture. */
        MIXTURE,
        /** 0.5 N(a, s^2) + 0.5 N(-a, s^2) per dimension. */
        BIMODAL,
        /** U(a, b) per dimension. */
        UNIFORM,
        /** A spec string of the {@code --dist} grammar. */
        SPEC
    }

    /**
     * @return the standard normal, with the other kinds' fields set to the paper's examples (docs/paper-facts.md, "Data": gaussian
     *         mean 1,1 var 0.5,0.5; mixture at (+-1, +-1) var 0.25; bimodal a = 1, s = 0.25) and U(-1, 1)
     */
    public static ThetaChoice defaults() {
        return new ThetaChoice(Kind.NORMAL, "1,1", "0.5,0.5", "-1,-1;1,1;-1,1;1,-1", "", "0.25", 1, 0.25, -1, 1,
            "normal");
    }

    /**
     * @param text any spec of the grammar
     * @return the choice {@link Kind#SPEC} holding it, other fields at their defaults
     */
    public static ThetaChoice ofSpec(final String text) {
        final ThetaChoice d = defaults();
        return new ThetaChoice(Kind.SPEC, d.gaussianMean, d.gaussianVariance, d.mixtureMeans, d.mixtureWeights,
            d.mixtureVariance, d.bimodalAt, d.bimodalSd, d.uniformLow, d.uniformHigh, text);
    }

    /** @return the spec string the chosen kind and its fields spell, not yet checked */
    public String toSpec() {
        return switch (kind) {
            case NORMAL -> "normal";
            case GAUSSIAN -> "gaussian" + part("mean", gaussianMean) + part("var", gaussianVariance);
            case MIXTURE -> "mixture" + part("means", mixtureMeans) + part("weights", mixtureWeights)
                + part("var", mixtureVariance);
            case BIMODAL -> "bimodal:at=" + bimodalAt + ":sd=" + bimodalSd;
            case UNIFORM -> "uniform:low=" + uniformLow + ":high=" + uniformHigh;
            case SPEC -> spec == null ? "" : spec.trim();
        };
    }

    /**
     * @param dimension p, the number of KLE modes
     * @return the distribution the choice describes
     * @throws IllegalArgumentException naming the option {@code title} and the engine's reason
     */
    public ThetaDistribution distribution(final int dimension, final String title) {
        if (kind == null) {
            throw new IllegalArgumentException(title + ": no kind chosen");
        }
        final String text = toSpec();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(title + ": the spec is empty");
        }
        try {
            return ThetaDistribution.parse(text, dimension);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(title + " (" + text + "): " + e.getMessage(), e);
        }
    }

    private static String part(final String key, final String value) {
        return value == null || value.isBlank() ? "" : ":" + key + "=" + value.replace(" ", "");
    }
}
