package org.fieldvae.knime.support.field;

import java.awt.Dimension;
import java.awt.image.BufferedImage;

/**
 * Draws a {@link FieldSample} as a picture: one panel per channel, left to right, each coloured with
 * {@link Colormap} stretched over that channel's own finite range (pressure and velocity have different
 * units, so a shared range would wash one of them out).
 *
 * <p>Orientation follows the physics, not the array: x1 grows to the right and x2 grows upwards, so node
 * (i, j) is pixel column {@code i} and pixel row {@code n - 1 - j} of its panel. One pixel per node; callers
 * scale the image with nearest-neighbour interpolation so nodes stay sharp squares.
 */
public final class FieldImage {

    private FieldImage() {
    }

    /**
     * @param grid nodes per direction n
     * @return transparent pixels between two panels: about 1/16 of a panel, at least one
     */
    public static int gap(final int grid) {
        return Math.max(1, grid / 16);
    }

    /**
     * @param channels number of panels
     * @param grid nodes per direction n
     * @return width x height of {@link #render}'s image: {@code channels n + (channels - 1) gap} x {@code n}
     */
    public static Dimension size(final int channels, final int grid) {
        return new Dimension(channels * grid + (channels - 1) * gap(grid), grid);
    }

    /**
     * @param sample the field to draw; not modified
     * @return a new ARGB image of {@link #size} pixels, transparent between panels
     */
    public static BufferedImage render(final FieldSample sample) {
        final int n = sample.grid();
        final Dimension size = size(sample.channels(), n);
        final BufferedImage image = new BufferedImage(size.width, size.height, BufferedImage.TYPE_INT_ARGB);
        for (int c = 0; c < sample.channels(); c++) {
            final double[] range = sample.finiteRange(c);
            final int left = c * (n + gap(n));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    image.setRGB(left + i, n - 1 - j, Colormap.argb(sample.get(c, i, j), range[0], range[1]));
                }
            }
        }
        return image;
    }

    /**
     * Largest size with the image's aspect ratio that fits inside a box, for table cells and views.
     *
     * @param image size of the image, both sides positive
     * @param box available space; a side of zero or less gives a zero size
     * @return the scaled size, each side at most the box's
     */
    public static Dimension fitInside(final Dimension image, final Dimension box) {
        if (box.width <= 0 || box.height <= 0) {
            return new Dimension(0, 0);
        }
        final double scale = Math.min((double)box.width / image.width, (double)box.height / image.height);
        return new Dimension(Math.min(box.width, (int)Math.round(image.width * scale)),
            Math.min(box.height, (int)Math.round(image.height * scale)));
    }
}
