package org.fieldvae.cli.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.fieldvae.InvalidInputException;
import org.fieldvae.latent.LatentFile;
import org.fieldvae.vae.TrainedModel;
import org.fieldvae.vae.VaeSettings;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The latent codes of the latent tables ({@link LatentFile}) {@code fieldvae encode} writes: latent means against each generative
 * parameter with the posterior standard deviation as error bars (paper Fig. 15), and samples of the
 * aggregated posterior over the test set against samples of the prior and of p(theta) (Fig. 14).
 */
final class LatentSections {
    /** Seed of the posterior and prior samples, fixed so the same run gives the same report. */
    static final long SEED = 20_240_607L;
    /** At most this many (z_i, z_j) planes of the aggregated posterior, so a wide latent space stays readable. */
    private static final int MAX_PLANES = 3;
    private static final Color DATA = new Color(0x1f77b4);
    private static final Color LABELLED = new Color(0xd62728);
    private static final Color PRIOR = new Color(0x999999);
    private static final Color THETA = new Color(0xff7f0e);

    private LatentSections() {
    }

    /** The columns of one latent CSV. */
    record Latents(double[][] mean, double[][] logVariance, double[][] theta, double[] labelled) {
        static Latents read(Path csv) {
            LatentFile t = LatentFile.read(csv);
            double[][] mean = columns(t, LatentFile.MEAN_PREFIX);
            if (mean.length == 0 || t.rows() == 0) {
                throw new InvalidInputException(csv + ": has no z_mean_1 column or no rows");
            }
            double[][] logVar = columns(t, LatentFile.LOGVAR_PREFIX);
            if (logVar.length != mean.length) {
                throw new InvalidInputException(csv + ": has " + mean.length + " z_mean_* but "
                        + logVar.length + " z_logvar_* columns");
            }
            return new Latents(mean, logVar, columns(t, LatentFile.THETA_PREFIX),
                    t.has(LatentFile.LABELLED) ? t.column(LatentFile.LABELLED, "labelled") : new double[t.rows()]);
        }

        /** The columns with {@code prefix}, [column][row]. */
        private static double[][] columns(LatentFile t, String prefix) {
            return t.withPrefix(prefix).stream().map(name -> t.column(name, prefix)).toArray(double[][]::new);
        }

        int rows() {
            return mean[0].length;
        }

        /** Posterior standard deviation exp(logvar / 2) of latent {@code i}, per row. */
        double[] std(int i) {
            double[] s = new double[rows()];
            for (int r = 0; r < s.length; r++) {
                s[r] = Math.exp(logVariance[i][r] / 2);
            }
            return s;
        }
    }

    static void againstTheta(Path csv, String name, String what, Figures figures, Html html) {
        Latents z = Latents.read(csv);
        if (z.theta().length == 0) {
            html.notAvailable(csv.getFileName() + " has no theta_* columns");
            return;
        }
        List<XYChart> panels = new ArrayList<>();
        int labelledCount = 0;
        for (double l : z.labelled()) {
            labelledCount += l != 0 ? 1 : 0;
        }
        for (int i = 0; i < z.mean().length; i++) {
            for (int j = 0; j < z.theta().length; j++) {
                XYChart chart = Charts.xy("z" + sub(i + 1) + " against \u03b8" + sub(j + 1), "\u03b8" + sub(j + 1),
                        "mean of z" + sub(i + 1) + " \u00b1 std");
                scatter(chart, "unlabelled", z, i, j, false, DATA);
                if (labelledCount > 0) {
                    scatter(chart, "labelled", z, i, j, true, LABELLED);
                }
                chart.getStyler().setLegendVisible(labelledCount > 0);
                panels.add(chart);
            }
        }
        String labels = labelledCount > 0 ? " The " + labelledCount + " labelled samples are drawn in red." : "";
        html.figure(figures.add("latents-" + name, panels, z.theta().length, "Latent means against \u03b8 (" + what + ")",
                "Each panel: the encoder's mean of latent z_i against generative parameter \u03b8_j for the "
                        + z.rows() + " samples of " + csv.getFileName() + ", with error bars of the posterior "
                        + "standard deviation exp(z_logvar/2) (paper Fig. 15). A disentangled code shows one tight "
                        + "curve per row and column." + labels));
    }

    private static void scatter(XYChart chart, String series, Latents z, int i, int j, boolean labelled, Color colour) {
        double[] std = z.std(i);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        for (int r = 0; r < z.rows(); r++) {
            if ((z.labelled()[r] != 0) == labelled) {
                x.add(z.theta()[j][r]);
                y.add(z.mean()[i][r]);
                e.add(std[r]);
            }
        }
        if (x.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(series, x, y, e);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(colour).setLineColor(colour);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
    }

    /**
     * Samples z = mean + std * eps, eps ~ N(0, I), one per test sample, in the planes (z_i, z_j), over
     * as many samples of the prior and the test set's theta.
     *
     * @param model the trained model, whose prior is sampled, or null when there is none (N(0, I) is drawn)
     */
    static void aggregatedPosterior(Path csv, TrainedModel model, Figures figures, Html html) {
        VaeSettings settings = model == null ? null : model.settings();
        Latents z = Latents.read(csv);
        int n = z.mean().length;
        if (n < 2) {
            html.notAvailable("the aggregated posterior is drawn in planes of two latents; the model has one");
            return;
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[][] posterior = posteriorSamples(z, random.split());
        double[][] prior = priorSamples(model, n, z.rows(), random.split());
        List<XYChart> panels = new ArrayList<>();
        for (int i = 0; i < n && panels.size() < MAX_PLANES; i++) {
            for (int j = i + 1; j < n && panels.size() < MAX_PLANES; j++) {
                XYChart chart = Charts.xy("q(z) in the (z" + sub(i + 1) + ", z" + sub(j + 1) + ") plane",
                        "z" + sub(i + 1) + ", \u03b8" + sub(i + 1), "z" + sub(j + 1) + ", \u03b8" + sub(j + 1));
                points(chart, "prior p(z)", prior[i], prior[j], PRIOR);
                if (z.theta().length > j) {
                    points(chart, "test \u03b8", z.theta()[i], z.theta()[j], THETA);
                }
                points(chart, "q(z|y) samples", posterior[i], posterior[j], DATA);
                panels.add(chart);
            }
        }
        html.figure(figures.add("aggregated-posterior", panels, panels.size(), "Aggregated posterior and prior",
                "Blue: one sample z = z_mean + exp(z_logvar/2) \u03b5, \u03b5 ~ N(0, I) (seed " + SEED + "), per sample of "
                        + csv.getFileName() + " (" + z.rows() + " samples), i.e. samples of the aggregated posterior. "
                        + "Grey: as many samples of the prior " + priorText(settings) + ". Orange: the test set's "
                        + "generative parameters \u03b8 where it has them (paper Fig. 14; Fig. 17 for the "
                        + "hierarchical prior)."));
    }

    /** As many samples of the model's prior as rows, [latent][row]; N(0, I) when there is no model. */
    static double[][] priorSamples(TrainedModel model, int n, int rows, SplittableRandom random) {
        double[][] out = new double[n][rows];
        double[][] z = model == null ? null : model.samplePrior(rows, random.nextLong());
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                out[i][r] = z == null ? random.nextGaussian() : z[r][i];
            }
        }
        return out;
    }

    /** One sample of q(z|y) per row, [latent][row]. */
    static double[][] posteriorSamples(Latents z, SplittableRandom random) {
        double[][] out = new double[z.mean().length][z.rows()];
        for (int r = 0; r < z.rows(); r++) {
            for (int i = 0; i < out.length; i++) {
                out[i][r] = z.mean()[i][r] + Math.exp(z.logVariance()[i][r] / 2) * random.nextGaussian();
            }
        }
        return out;
    }

    private static String priorText(VaeSettings settings) {
        if (settings == null) {
            return "N(0, I) (model.zip not available, so the model's own prior is unknown)";
        }
        return switch (settings.priorAndLoss().prior()) {
            case STANDARD -> "N(0, I), the model's prior";
            case SCALED -> "N(0, diag(" + Arrays.toString(settings.priorAndLoss().priorVariances()) + ")), the model's prior";
            case HIERARCHICAL -> "p(z) = \u222b p(z|\u03be) N(\u03be; 0, I) d\u03be, the model's learned "
                    + "hierarchical prior ("
                    + settings.priorAndLoss().hpDecoder().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " decoder)";
        };
    }

    private static void points(XYChart chart, String name, double[] x, double[] y, Color colour) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(colour);
    }

    /** Unicode subscript digits, for axis titles such as z\u2081. */
    static String sub(int k) {
        StringBuilder b = new StringBuilder();
        for (char c : Integer.toString(k).toCharArray()) {
            b.append((char) ('\u2080' + (c - '0')));
        }
        return b.toString();
    }
}
