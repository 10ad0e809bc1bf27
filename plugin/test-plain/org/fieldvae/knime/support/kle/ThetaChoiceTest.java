package org.fieldvae.knime.support.kle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fieldvae.kle.ThetaDistribution;
import org.junit.jupiter.api.Test;

class ThetaChoiceTest {

    private static ThetaChoice kind(final ThetaChoice.Kind kind) {
        final ThetaChoice d = ThetaChoice.defaults();
        return new ThetaChoice(kind, d.gaussianMean(), d.gaussianVariance(), d.mixtureMeans(), d.mixtureWeights(),
            d.mixtureVariance(), d.bimodalAt(), d.bimodalSd(), d.uniformLow(), d.uniformHigh(), d.spec());
    }

    /**
     * Each kind's fields must give the same distribution as the spec written by hand (the three of docs/paper-
     * facts.md, "Data").
     */
    @Test
    void fieldsSpellTheSameDistributionAsTheSpec() {
        final String[][] expected = {
            {"NORMAL", "normal"},
            {"GAUSSIAN", "gaussian:mean=1,1:var=0.5,0.5"},
            {"MIXTURE", "mixture:means=-1,-1;1,1;-1,1;1,-1:var=0.25"},
            {"BIMODAL", "bimodal:at=1:sd=0.25"},
            {"UNIFORM", "uniform:low=-1:high=1"}};
        for (final String[] e : expected) {
            final ThetaChoice c = kind(ThetaChoice.Kind.valueOf(e[0]));
            assertEquals(ThetaDistribution.parse(e[1], 2).toSpec(), c.distribution(2, "t").toSpec(), e[0]);
        }
    }

    @Test
    void blankOptionalFieldsFallBackToTheGrammarsDefaults() {
        final ThetaChoice c = new ThetaChoice(ThetaChoice.Kind.GAUSSIAN, " ", "", "", "", "", 1, 1, 0, 1, "");
        assertEquals("gaussian", c.toSpec());
        assertEquals(ThetaDistribution.parse("normal", 3).logDensity(new double[]{0.1, 0.2, 0.3}),
            c.distribution(3, "t").logDensity(new double[]{0.1, 0.2, 0.3}), 1e-12);
    }

    @Test
    void specKindPassesTheStringAndErrorsNameTheOption() {
        assertEquals("uniform:low=0:high=2", ThetaChoice.ofSpec(" uniform:low=0:high=2 ").toSpec());
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ThetaChoice.ofSpec("uniform:low=2:high=0").distribution(2, "Distribution of theta"));
        assertTrue(e.getMessage().startsWith("Distribution of theta (uniform:low=2:high=0): "), e.getMessage());
        // the gaussian's mean has the wrong length for p = 3
        assertThrows(IllegalArgumentException.class, () -> kind(ThetaChoice.Kind.GAUSSIAN).distribution(3, "t"));
    }
}
