package org.fieldvae.cli.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.stat.StatUtils;
import org.fieldvae.field.DatasetReader;
import org.fieldvae.vae.TrainedModel;
import org.knowm.xchart.HeatMapChart;

/** The fields of one training sample, and a test sample beside its reconstruction (paper Fig. 13). */
final class FieldSections {
    /** Channels of a Darcy sample's {@code output}, in order (docs/design.md, "Conventions"). */
    static final String[] CHANNELS = {"pressure p", "velocity u\u2081", "velocity u\u2082"};
    /** The sample shown from each dataset: the first, so the report is the same on every run of it. */
    private static final int SAMPLE = 0;
    /** Positions of the latent traversal, in standard deviations of the latent means from their mean. */
    private static final double[] TRAVERSAL_STEPS = {-2, -1, 0, 1, 2};

    private FieldSections() {
    }

    static void trainingSample(Path train, Figures figures, Html html) {
        try (DatasetReader data = DatasetReader.open(train)) {
            List<HeatMapChart> panels = new ArrayList<>();
            if (data.hasPermeability()) {
                float[][] k = data.permeability(SAMPLE, 1)[0][0];
                panels.add(Charts.colourMap("permeability K", k, Charts.range(k)));
            }
            if (data.hasOutput()) {
                float[][][] y = data.output(SAMPLE, 1)[0];
                for (int c = 0; c < y.length && c < CHANNELS.length; c++) {
                    panels.add(Charts.colourMap(CHANNELS[c], y[c], Charts.range(y[c])));
                }
            }
            if (panels.isEmpty()) {
                html.notAvailable(train.getFileName() + " has neither permeability nor output fields");
                return;
            }
            html.figure(figures.add("fields-train", panels, panels.size(), "Training sample " + SAMPLE,
                    "Sample " + SAMPLE + " of " + train.getFileName() + " on the " + data.grid() + " x " + data.grid()
                            + " node grid" + thetaText(data) + ". Each panel has its own colour bar (field units, "
                            + "dimensionless as generated)."));
        }
    }

    static void reconstruction(Path test, TrainedModel model, Figures figures, Html html) {
        try (DatasetReader data = DatasetReader.open(test)) {
            if (!data.hasOutput()) {
                html.notAvailable(test.getFileName() + " has no output fields to reconstruct");
                return;
            }
            float[][][][] y = data.output(SAMPLE, 1);
            double[][] mean = model.encode(y).mean();
            float[][][] decoded = model.decode(mean)[0];
            List<HeatMapChart> panels = new ArrayList<>();
            for (int c = 0; c < decoded.length; c++) {
                String name = c < CHANNELS.length ? CHANNELS[c] : "channel " + (c + 1);
                float[][] truth = y[0][c];
                float[][] error = absoluteError(truth, decoded[c]);
                double[] shared = Charts.range(truth, decoded[c]);
                panels.add(Charts.colourMap(name + ": data", truth, shared));
                panels.add(Charts.colourMap(name + ": reconstruction", decoded[c], shared));
                panels.add(Charts.colourMap(name + ": |error|", error, Charts.range(error)));
            }
            html.figure(figures.add("reconstruction", panels, 3, "Reconstruction of test sample " + SAMPLE,
                    String.format(Locale.ROOT, "Left: sample %d of %s%s. Centre: the decoder's mean \u03bc(z) at the "
                            + "encoder's mean z = %s. Right: the absolute error |y - \u03bc(z)|. Data and "
                            + "reconstruction share one colour bar per channel (paper Fig. 13).", SAMPLE,
                            test.getFileName(), thetaText(data), vector(mean[0]))));
        }
    }

    /**
     * The latent traversal grid: for each latent z_i, the decoded fields as z_i moves from its mean - 2 sd to
     * its mean + 2 sd over the encoded test set, the other latents held at their means. A disentangled model
     * changes one physical feature per row block.
     */
    static void traversal(Path latentsCsv, TrainedModel model, Figures figures, Html html) {
        LatentSections.Latents codes = LatentSections.Latents.read(latentsCsv);
        int n = codes.mean().length;
        if (n != model.settings().architecture().latent()) {
            html.notAvailable(latentsCsv.getFileName() + " has " + n + " latents, the model "
                    + model.settings().architecture().latent());
            return;
        }
        double[] centre = new double[n];
        double[] spread = new double[n];
        for (int i = 0; i < n; i++) {
            centre[i] = StatUtils.mean(codes.mean()[i]);
            spread[i] = Math.sqrt(StatUtils.variance(codes.mean()[i], centre[i]));
        }
        List<HeatMapChart> panels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[][] z = new double[TRAVERSAL_STEPS.length][];
            for (int k = 0; k < z.length; k++) {
                z[k] = centre.clone();
                z[k][i] += TRAVERSAL_STEPS[k] * spread[i];
            }
            float[][][][] decoded = model.decode(z);
            for (int c = 0; c < decoded[0].length; c++) {
                float[][][] row = new float[z.length][][];
                for (int k = 0; k < z.length; k++) {
                    row[k] = decoded[k][c];
                }
                double[] shared = Charts.range(row);
                String name = c < CHANNELS.length ? CHANNELS[c] : "channel " + (c + 1);
                for (int k = 0; k < z.length; k++) {
                    panels.add(Charts.colourMap(String.format(Locale.ROOT, "z%s %+.0f sd: %s",
                            LatentSections.sub(i + 1), TRAVERSAL_STEPS[k], name), row[k], shared));
                }
            }
        }
        html.figure(figures.add("traversal", panels, TRAVERSAL_STEPS.length, "Latent traversal",
                String.format(Locale.ROOT, "Each block of rows moves one latent from its mean - 2 sd to its "
                        + "mean + 2 sd over %s (means %s, sd %s) with the others at their means, and shows the "
                        + "decoder's mean fields; each row shares one colour bar.", latentsCsv.getFileName(), vector(centre),
                        vector(spread))));
    }

    private static float[][] absoluteError(float[][] a, float[][] b) {
        float[][] e = new float[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                e[i][j] = Math.abs(a[i][j] - b[i][j]);
            }
        }
        return e;
    }

    private static String thetaText(DatasetReader data) {
        return data.parameters() == 0 ? "" : ", \u03b8 = " + vector(data.theta()[SAMPLE]);
    }

    static String vector(double[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3g", v[i]));
        }
        return b.append(')').toString();
    }
}
