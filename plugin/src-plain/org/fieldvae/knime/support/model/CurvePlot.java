package org.fieldvae.knime.support.model;

/**
 * Pixel geometry of a training curve in a rectangle: epoch e of E at x = left + e (width - 1) / (E - 1), and a
 * value v at y = top + (height - 1) (1 - s(v)), with s the position of v between the curve's finite minimum and
 * maximum, linear or on a log10 axis. The log axis is for beta, which spans 1e-9 to 1
 * (docs/paper-facts.md, "Training schedule").
 *
 * <p>Pixel y grows downwards, as in AWT. A value the axis cannot show (not finite; zero or negative on a log axis)
 * maps to {@link #GAP}, where a drawing breaks the line.
 */
public final class CurvePlot {

    /** Marks a point the axis cannot show. */
    public static final int GAP = Integer.MIN_VALUE;

    private CurvePlot() {
    }

    /**
     * @param values the curve, one value per epoch; not modified
     * @param log true for a log10 axis
     * @return {min, max} of the values the axis can show, or {NaN, NaN} if there are none
     */
    public static double[] range(final double[] values, final boolean log) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (final double v : values) {
            if (shows(v, log)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min > max ? new double[]{Double.NaN, Double.NaN} : new double[]{min, max};
    }

    /**
     * @param epochs number of points E, at least 1
     * @param left x of the first epoch
     * @param width pixels across, at least 1
     * @return x per epoch; a single epoch sits in the middle
     */
    public static int[] xs(final int epochs, final int left, final int width) {
        final int[] x = new int[epochs];
        for (int e = 0; e < epochs; e++) {
            x[e] = epochs == 1 ? left + (width - 1) / 2
                : left + (int)Math.round((double)e * (width - 1) / (epochs - 1));
        }
        return x;
    }

    /**
     * @param values the curve; not modified
     * @param log true for a log10 axis
     * @param top y of the maximum
     * @param height pixels down, at least 1
     * @return y per epoch, {@link #GAP} where the axis cannot show the value; a flat curve sits in the middle
     */
    public static int[] ys(final double[] values, final boolean log, final int top, final int height) {
        final double[] range = range(values, log);
        final double lo = axis(range[0], log);
        final double hi = axis(range[1], log);
        final int[] y = new int[values.length];
        for (int e = 0; e < values.length; e++) {
            if (!shows(values[e], log)) {
                y[e] = GAP;
            } else {
                final double s = hi > lo ? (axis(values[e], log) - lo) / (hi - lo) : 0.5;
                y[e] = top + (int)Math.round((height - 1) * (1.0 - s));
            }
        }
        return y;
    }

    private static boolean shows(final double v, final boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static double axis(final double v, final boolean log) {
        return log ? Math.log10(v) : v;
    }
}
