package org.fieldvae.knime.support.kle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

import org.fieldvae.generate.GenerateSettings;
import org.fieldvae.kle.CovarianceKernel;
import org.fieldvae.kle.KleSettings;
import org.fieldvae.kle.SampleDesign;
import org.fieldvae.kle.ThetaDistribution;
import org.junit.jupiter.api.Test;

class KleSamplerOptionsTest {

    private static final KleSamplerOptions D = KleSamplerOptions.defaults();

    private static KleSamplerOptions with(final Function<KleSamplerOptions, Object[]> change) {
        final Object[] v = change.apply(D);
        return new KleSamplerOptions((int)v[0], (CovarianceKernel)v[1], (double)v[2], (double)v[3], (int)v[4],
            (double)v[5], (ThetaChoice)v[6], (SampleDesign)v[7], (int)v[8], (long)v[9]);
    }

    private static Object[] values(final KleSamplerOptions o) {
        return new Object[]{o.grid(), o.kernel(), o.length(), o.variance(), o.modes(), o.mean(), o.distribution(),
            o.design(), o.count(), o.seed()};
    }

    private static void assertBlames(final String title, final int index, final Object value) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with(o -> {
            final Object[] v = values(o);
            v[index] = value;
            return v;
        }));
        assertTrue(e.getMessage().startsWith(title + ":") || e.getMessage().startsWith(title + " ("),
            e.getMessage());
    }

    @Test
    void defaultsAreTheEngines() {
        final GenerateSettings g = GenerateSettings.defaults();
        assertEquals(KleSettings.defaults(), D.kle());
        assertEquals(g.mean(), D.mean());
        assertEquals(g.thetaDistribution().toSpec(), D.thetaDistribution().toSpec());
        assertEquals(ThetaChoice.Kind.NORMAL, D.distribution().kind());
        assertEquals(g.design(), D.design());
        assertEquals(g.samples(), D.count());
        assertEquals(g.seed(), D.seed());
    }

    @Test
    void invalidValuesNameTheirOption() {
        assertBlames(KleSamplerOptions.GRID_TITLE, 0, 2);
        assertBlames(KleSamplerOptions.KERNEL_TITLE, 1, null);
        assertBlames(KleSamplerOptions.LENGTH_TITLE, 2, 0.0);
        assertBlames(KleSamplerOptions.VARIANCE_TITLE, 3, -1.0);
        assertBlames(KleSamplerOptions.MODES_TITLE, 4, 0);
        assertBlames(KleSamplerOptions.MODES_TITLE, 4, 65 * 65 + 1);
        assertBlames(KleSamplerOptions.MEAN_TITLE, 5, Double.NaN);
        assertBlames(KleSamplerOptions.DISTRIBUTION_TITLE, 6, ThetaChoice.ofSpec("gaussian:mean=1,2,3"));
        assertBlames(KleSamplerOptions.DISTRIBUTION_TITLE, 6, ThetaChoice.ofSpec(" "));
        assertBlames(KleSamplerOptions.DISTRIBUTION_TITLE, 6, null);
        assertBlames(KleSamplerOptions.DESIGN_TITLE, 7, null);
        assertBlames(KleSamplerOptions.COUNT_TITLE, 8, 0);
    }

    @Test
    void roundTripsThroughTheEngineSettings() {
        final KleSettings kle = new KleSettings(33, CovarianceKernel.SQUARED_EXPONENTIAL, 0.2, 2.5, 4);
        final String spec = "gaussian:mean=1,0,-1,2:var=0.5";
        final KleSamplerOptions o = KleSamplerOptions.fromEngine(kle, 0.3, spec, SampleDesign.MC, 17, -5L);
        assertEquals(kle, o.kle());
        assertEquals(ThetaDistribution.parse(spec, 4).toSpec(), o.thetaDistribution().toSpec());
        final KleSamplerOptions back = KleSamplerOptions.fromEngine(o.kle(), o.mean(),
            o.thetaDistribution().toSpec(), o.design(), o.count(), o.seed());
        assertEquals(o.kle(), back.kle());
        assertEquals(o.thetaDistribution().toSpec(), back.thetaDistribution().toSpec());
        assertEquals(0.3, back.mean());
        assertEquals(SampleDesign.MC, back.design());
        assertEquals(17, back.count());
        assertEquals(-5L, back.seed());
    }
}
