package org.fieldvae.experiment;

import static org.fieldvae.experiment.MapValues.integer;
import static org.fieldvae.experiment.MapValues.number;
import static org.fieldvae.experiment.MapValues.text;

import java.util.Map;

import org.fieldvae.Check;
import org.fieldvae.generate.GenerateSettings;
import org.fieldvae.kle.KleSettings;

/**
 * The data of a trial (paper Section 4): a KLEp dataset on a grid, its training and test sets and the fraction of
 * the training samples that carry their theta as a label. One group of {@link RunSettings}; its spec keys are
 * {@code grid}, {@code modes}, {@code dist}, {@code train_samples}, {@code test_samples}, {@code label_fraction}.
 *
 * @param grid          nodes per side n of the fields, 2^k + 1 and >= 17 (paper 65; DenseVAE needs 2^k + 1)
 * @param modes         KLE modes p = generative parameters = latent dimension (paper 2), in [1, {@value RunSettings#MAX_MODES}]
 * @param dist          p(theta) as a {@code --dist} spec (docs/paper-facts.md, "Data"), e.g. {@code normal}
 * @param trainSamples  training samples (Latin hypercube design), >= 2 (paper 512)
 * @param testSamples   test samples (Monte Carlo design) that are scored, >= 10 (paper 512)
 * @param labelFraction fraction of the training samples whose theta is used as a label (Eq. 29), in [0, 1]; the
 *                      paper uses 0.01 to 0.08; 0 trains without the semi-supervised term
 */
public record TrialData(int grid, int modes, String dist, int trainSamples, int testSamples, double labelFraction) {

    public TrialData {
        Check.atLeast("grid", grid, 17);
        Check.that(Integer.bitCount(grid - 1) == 1, "grid = " + grid, "must be 2^k + 1 (17, 33, 65, 129, ...)");
        Check.inRange("modes", modes, 1, RunSettings.MAX_MODES);
        Check.that(dist != null && !dist.isBlank(), "dist", "must be given");
        Check.atLeast("trainSamples", trainSamples, 2);
        Check.atLeast("testSamples", testSamples, 10);
        Check.inRange("labelFraction", labelFraction, 0.0, 1.0);
        checkDistribution(grid, modes, dist);
    }

    private static void checkDistribution(int grid, int modes, String dist) {
        try {
            GenerateSettings.defaults().withKle(KleSettings.defaults().withGrid(grid).withModes(modes))
                    .withDistribution(dist);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dist = " + dist + ": " + e.getMessage(), e);
        }
    }

    /** The quickstart's: see {@link RunSettings#quickstartDefaults()}. */
    public static TrialData quickstartDefaults() {
        return new TrialData(33, 2, "normal", 256, 1024, 0.08);
    }

    public TrialData withGrid(int value) {
        return new TrialData(value, modes, dist, trainSamples, testSamples, labelFraction);
    }

    public TrialData withModes(int value) {
        return new TrialData(grid, value, dist, trainSamples, testSamples, labelFraction);
    }

    public TrialData withDist(String value) {
        return new TrialData(grid, modes, value, trainSamples, testSamples, labelFraction);
    }

    /** Training and test samples. */
    public TrialData withSamples(int train, int test) {
        return new TrialData(grid, modes, dist, train, test, labelFraction);
    }

    public TrialData withLabelFraction(double value) {
        return new TrialData(grid, modes, dist, trainSamples, testSamples, value);
    }

    /** The group's keys of a {@link RunSettings#toMap()} map. */
    static TrialData fromMap(Map<String, ?> m) {
        return new TrialData(integer(m, "grid"), integer(m, "modes"), text(m, "dist"), integer(m, "train_samples"),
                integer(m, "test_samples"), number(m, "label_fraction"));
    }
}
