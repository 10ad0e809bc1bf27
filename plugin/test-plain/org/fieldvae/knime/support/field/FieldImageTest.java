package org.fieldvae.knime.support.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Dimension;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class FieldImageTest {

    @Test
    void panelsSitSideBySideWithAGap() {
        assertEquals(new Dimension(3 * 64 + 2 * 4, 64), FieldImage.size(3, 64));
        assertEquals(new Dimension(8, 8), FieldImage.size(1, 8));
        assertEquals(1, FieldImage.gap(8));
        final BufferedImage image = FieldImage.render(FieldSample.of(FieldSampleTest.ramp(2, 8)));
        assertEquals(17, image.getWidth());
        assertEquals(8, image.getHeight());
        for (int row = 0; row < 8; row++) {
            assertEquals(0, image.getRGB(8, row) >>> 24, "the gap column is transparent");
        }
    }

    @Test
    void x1GoesRightAndX2GoesUpWithPerChannelRange() {
        // channel 0 grows with i only, channel 1 with j only, on different scales
        final int n = 5;
        final float[][][] f = new float[2][n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                f[0][i][j] = i;
                f[1][i][j] = 1000f * j;
            }
        }
        final BufferedImage image = FieldImage.render(FieldSample.of(f));
        final int left1 = n + FieldImage.gap(n);
        assertEquals(Colormap.argb(0.0), image.getRGB(0, 2), "i = 0 at the left");
        assertEquals(Colormap.argb(1.0), image.getRGB(n - 1, 2), "i = n-1 at the right");
        assertEquals(Colormap.argb(0.25), image.getRGB(1, 0));
        assertEquals(Colormap.argb(1.0), image.getRGB(left1 + 2, 0), "j = n-1 at the top");
        assertEquals(Colormap.argb(0.0), image.getRGB(left1 + 2, n - 1), "j = 0 at the bottom");
        assertEquals(Colormap.argb(0.75), image.getRGB(left1, 1));
    }

    @Test
    void nonFiniteNodesAreGrey() {
        final float[] v = new float[4];
        v[3] = Float.NaN; // node (1, 1): column 1, row 0
        final BufferedImage image = FieldImage.render(new FieldSample(1, 2, v));
        assertEquals(Colormap.NOT_FINITE_ARGB, image.getRGB(1, 0));
    }

    @Test
    void fitInsideKeepsAspectRatio() {
        final Dimension image = new Dimension(200, 64);
        assertEquals(new Dimension(100, 32), FieldImage.fitInside(image, new Dimension(100, 100)));
        assertEquals(new Dimension(150, 48), FieldImage.fitInside(image, new Dimension(400, 48)));
        assertEquals(new Dimension(400, 128), FieldImage.fitInside(image, new Dimension(400, 500)));
        assertEquals(new Dimension(0, 0), FieldImage.fitInside(image, new Dimension(0, 50)));
    }
}
