package org.fieldvae.knime.support.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColormapTest {

    /** Rec. 601 luma, the quantity viridis was designed to make monotone. */
    static double luma(final int argb) {
        return 0.299 * (argb >> 16 & 0xFF) + 0.587 * (argb >> 8 & 0xFF) + 0.114 * (argb & 0xFF);
    }

    @Test
    void endsAreViridisDarkVioletAndYellow() {
        assertEquals(0xFF440154, Colormap.argb(0.0));
        assertEquals(0xFFFDE725, Colormap.argb(1.0));
        assertEquals(0xFF440154, Colormap.argb(-5.0), "below the range clamps to the low end");
        assertEquals(0xFFFDE725, Colormap.argb(7.0), "above the range clamps to the high end");
    }

    @Test
    void lumaRisesStrictlyAlongTheMap() {
        double previous = -1;
        for (int k = 0; k <= 90; k++) {
            final double l = luma(Colormap.argb(k / 90.0));
            assertTrue(l > previous, "luma at t = " + k / 90.0);
            previous = l;
        }
    }

    @Test
    void interpolatesLinearlyBetweenSamples() {
        // a quarter of the way from viridis(0) = 0x440154 to viridis(1/9) = 0x482878:
        // 0x44 + (0x48 - 0x44) / 4 = 0x45, 0x01 + 0x27 / 4 = 10.75 -> 0x0B, 0x54 + 0x24 / 4 = 0x5D
        assertEquals(0xFF450B5D, Colormap.argb(0.25 / 9));
    }

    @Test
    void rangeVersionNormalisesAndMarksNonFinite() {
        assertEquals(Colormap.argb(0.25), Colormap.argb(-5.0, -10.0, 10.0));
        assertEquals(Colormap.argb(0.5), Colormap.argb(3.0, 3.0, 3.0), "a flat field is drawn mid-map");
        assertEquals(Colormap.NOT_FINITE_ARGB, Colormap.argb(Double.NaN));
        assertEquals(Colormap.NOT_FINITE_ARGB, Colormap.argb(Double.POSITIVE_INFINITY, 0, 1));
        assertEquals(Colormap.NOT_FINITE_ARGB, Colormap.argb(0.5, Double.NaN, Double.NaN));
    }
}
