package org.fieldvae.knime.support.field;

/**
 * A viridis-like colour map: linear interpolation in sRGB between ten samples of matplotlib's viridis, so the
 * luminance rises monotonically from dark violet (low) to yellow (high) and a field reads the same in grey.
 *
 * <pre>
 * S. van der Walt, N. Smith: "A Better Default Colormap for Matplotlib", SciPy 2015 (the viridis map);
 * the ten samples are viridis(k / 9), k = 0..9, as R's viridisLite::viridis(10) prints them.
 * </pre>
 */
public final class Colormap {

    /** Colour for a value that is not a finite number: neutral grey, outside the map's hues. */
    public static final int NOT_FINITE_ARGB = 0xFF808080;

    /** viridis(k / 9) as 0xRRGGBB, k = 0..9. */
    private static final int[] SAMPLES = {0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779,
        0x6DCD59, 0xB4DE2C, 0xFDE725};

    private Colormap() {
    }

    /**
     * @param t position on the map, 0 (low) to 1 (high); values outside are clamped
     * @return opaque ARGB colour, {@link #NOT_FINITE_ARGB} if {@code t} is NaN
     */
    public static int argb(final double t) {
        if (Double.isNaN(t)) {
            return NOT_FINITE_ARGB;
        }
        final double x = Math.min(1.0, Math.max(0.0, t)) * (SAMPLES.length - 1);
        final int k = Math.min((int)x, SAMPLES.length - 2);
        final double w = x - k;
        final int lo = SAMPLES[k];
        final int hi = SAMPLES[k + 1];
        return 0xFF000000 | mix(lo >> 16, hi >> 16, w) << 16 | mix(lo >> 8, hi >> 8, w) << 8 | mix(lo, hi, w);
    }

    /**
     * @param value the value to colour
     * @param min value drawn as the low end
     * @param max value drawn as the high end; if equal to {@code min} every finite value is drawn mid-map
     * @return opaque ARGB colour, {@link #NOT_FINITE_ARGB} if {@code value} or the range is not finite
     */
    public static int argb(final double value, final double min, final double max) {
        if (!Double.isFinite(value) || !Double.isFinite(min) || !Double.isFinite(max)) {
            return NOT_FINITE_ARGB;
        }
        return max > min ? argb((value - min) / (max - min)) : argb(0.5);
    }

    private static int mix(final int lo, final int hi, final double w) {
        final int a = lo & 0xFF;
        final int b = hi & 0xFF;
        return (int)Math.round(a + w * (b - a));
    }
}
