package org.fieldvae.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.fieldvae.AtomicFile;
import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;
import org.fieldvae.field.TrainingFields;
import org.fieldvae.score.DisentanglementScorer;
import org.fieldvae.score.LatentAlignment;
import org.fieldvae.score.ScoreSettings;
import org.fieldvae.score.Scores;
import org.fieldvae.vae.HeldOutFit;
import org.fieldvae.vae.LossLandscape;
import org.fieldvae.vae.ProbeLosses;
import org.fieldvae.vae.ProbeSettings;
import org.fieldvae.vae.TrainedModel;
import org.fieldvae.vae.VaeTrainer;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fieldvae probe interpolate|rotate}: thin shells over {@link LossLandscape}. Each writes a CSV and a
 * PNG plot beside it (same name, .png), both atomically.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Probes of the loss landscape: the loss along a line in weight space (paper Eq. 27, Fig. 6, 11) "
                + "or against a rotation of the latent space (Fig. 18).",
            "Subcommands: interpolate, rotate, fit, alignment."},
        subcommands = {ProbeCommand.Interpolate.class, ProbeCommand.Rotate.class, ProbeCommand.Fit.class,
            ProbeCommand.Alignment.class})
final class ProbeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: interpolate, rotate, fit or alignment");
    }

    /** Options both probes share: model, data, Monte Carlo samples, seed, beta, output. */
    static class Common {
        @Option(names = "--model", required = true, description = "Model zip from fieldvae train.")
        Path model;

        @Option(names = "--data", required = true, description = "Dataset (HDF5 with 'output') to evaluate the losses on.")
        Path data;

        @Option(names = "--latent-samples", paramLabel = "K", description = "Monte Carlo samples of z per field, "
                + "1..1000 (default: ${DEFAULT-VALUE}, as the paper).")
        int latentSamples = ProbeSettings.PAPER_LATENT_SAMPLES;

        @Option(names = "--seed", paramLabel = "S", description = "Seed of the latent noise (default: ${DEFAULT-VALUE}).")
        long seed = 1L;

        @Option(names = "--beta", paramLabel = "B",
                description = "Weight of L_REG in the loss column (default: the beta --model ended training with).")
        Double beta;

        @Mixin
        OutputOptions output = new OutputOptions();

        ProbeSettings settings(TrainedModel m) {
            return new ProbeSettings(latentSamples, seed, beta != null ? beta : LossLandscape.finalBeta(m));
        }

        /** Checks --out and the PNG beside it before any work. */
        Path png(Path csv) {
            output.check(csv);
            return output.check(LineChart.besideCsv(csv));
        }
    }

    /** Interpolation between two models, or from a fresh initialisation to a model (Eq. 27). */
    @Command(name = "interpolate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Losses along the line P(alpha) = (1 - alpha) P_from + alpha P_model in weight space (Eq. 27).",
            "Batch-norm running statistics are interpolated too. Writes a CSV alpha,l_rec,l_reg,loss "
                + "(and s_d,s_kl with --scores) and a PNG plot beside it."})
    static final class Interpolate implements Runnable {
        @Mixin
        Common common = new Common();

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Start start;

        static final class Start {
            @Option(names = "--from", paramLabel = "ZIP", description = "The model at alpha = 0 (same architecture).")
            Path from;

            @Option(names = "--from-init", paramLabel = "SEED",
                    description = "A fresh random initialisation with this seed at alpha = 0 (default, without --from: "
                            + "the model's own initialisation seed).")
            Long fromInit;
        }

        @Option(names = "--steps", paramLabel = "N", description = "Points on the line, alpha = 0 .. 1, >= 2 "
                + "(default: ${DEFAULT-VALUE}).")
        int steps = 21;

        @Option(names = "--scores", description = "Also encode the data with each interpolated model and score the "
                + "latent means against the dataset's theta (S_D, S_KL).")
        boolean scores;

        @Option(names = "--out", paramLabel = "CSV", defaultValue = "interpolate.csv",
                description = "CSV to write (default: ${DEFAULT-VALUE}); the plot goes beside it.")
        Path out;

        @Override
        public void run() {
            if (steps < 2 || steps > 10_000) {
                throw new IllegalArgumentException("--steps = " + steps + ": must be in [2, 10000]");
            }
            Path png = common.png(out);
            try (TrainedModel model = TrainedModel.load(common.model); ConsoleProgress progress = new ConsoleProgress(System.err)) {
                TrainedModel from = start != null && start.from != null ? TrainedModel.load(start.from)
                        : LossLandscape.initialisation(model.settings(),
                                start != null && start.fromInit != null ? start.fromInit : model.settings().run().seed());
                ProbeSettings settings = common.settings(model);
                TrainingFields data = TrainingFields.read(common.data, scores, false);
                List<double[]> rows = new ArrayList<>();
                for (int k = 0; k < steps; k++) {
                    progress.checkCancelled();
                    double alpha = k / (steps - 1.0);
                    TrainedModel m = LossLandscape.interpolate(from, model, alpha);
                    ProbeLosses l = LossLandscape.evaluate(m, data.fields(), settings);
                    double[] row = {alpha, l.rec(), l.reg(), l.loss(), Double.NaN, Double.NaN};
                    if (scores) {
                        Scores s = DisentanglementScorer.score(ScoreSettings.defaults(), m.encode(data.fields()).mean(),
                                data.theta(), Progress.NONE);
                        row[4] = s.sD();
                        row[5] = s.sKl();
                    }
                    rows.add(row);
                    progress.report((k + 1.0) / steps, String.format(Locale.ROOT, "alpha %.3f  L_REC %.4g  L_REG %.4g",
                            alpha, l.rec(), l.reg()));
                }
                String header = scores ? "alpha,l_rec,l_reg,loss,s_d,s_kl" : "alpha,l_rec,l_reg,loss";
                writeCsv(out, common.output.force, header, rows, scores ? 6 : 4);
                LineChart chart = new LineChart("Loss along P(alpha) = (1 - alpha) P_from + alpha P_model (beta = "
                        + String.format(Locale.ROOT, "%.3g", settings.beta()) + ")", "alpha", "loss");
                chart.line("L_REC", column(rows, 0), column(rows, 1)).line("L_REG", column(rows, 0), column(rows, 2))
                        .line("L_REC + beta L_REG", column(rows, 0), column(rows, 3));
                if (scores) {
                    chart.line("S_D", column(rows, 0), column(rows, 4));
                }
                chart.write(png, common.output.force);
            }
            System.err.printf("wrote %s and %s%n", out, png);
        }
    }

    /** The regularisation loss against a rotation of the latent space (Fig. 18). */
    @Command(name = "rotate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Losses against a rotation by phi in [0, pi) of the latent plane (z_1, z_2) (Fig. 18).",
            "The encoder's mean and covariance are rotated and the decoder reads the rotated-back code, so L_REC "
                + "stays put; L_REG changes unless the prior is rotation invariant. Writes phi,l_rec,l_reg and a PNG."})
    static final class Rotate implements Runnable {
        @Mixin
        Common common = new Common();

        @Option(names = "--steps", paramLabel = "N", description = "Angles phi = k pi / N, k = 0 .. N-1, >= 1 "
                + "(default: ${DEFAULT-VALUE}).")
        int steps = 36;

        @Option(names = "--out", paramLabel = "CSV", defaultValue = "rotate.csv",
                description = "CSV to write (default: ${DEFAULT-VALUE}); the plot goes beside it.")
        Path out;

        @Override
        public void run() {
            if (steps < 1 || steps > 10_000) {
                throw new IllegalArgumentException("--steps = " + steps + ": must be in [1, 10000]");
            }
            Path png = common.png(out);
            try (TrainedModel model = TrainedModel.load(common.model); ConsoleProgress progress = new ConsoleProgress(System.err)) {
                TrainingFields data = TrainingFields.read(common.data, false, false);
                double[] angles = new double[steps];
                for (int k = 0; k < steps; k++) {
                    angles[k] = k * Math.PI / steps;
                }
                List<ProbeLosses> losses = LossLandscape.rotate(model, data.fields(), angles, common.settings(model), progress);
                List<double[]> rows = new ArrayList<>();
                for (int k = 0; k < steps; k++) {
                    rows.add(new double[] {angles[k], losses.get(k).rec(), losses.get(k).reg()});
                }
                writeCsv(out, common.output.force, "phi,l_rec,l_reg", rows, 3);
                new LineChart("L_REG against a latent rotation (" + model.settings().priorAndLoss().prior().name().toLowerCase(Locale.ROOT)
                        + " prior)", "phi [rad]", "L_REG").line("L_REG", column(rows, 0), column(rows, 2))
                        .write(png, common.output.force);
            }
            System.err.printf("wrote %s and %s%n", out, png);
        }
    }

    /** The held-out fit: -ELBO in nats per field and the reconstruction's unexplained variance. */
    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"How well the model fits a dataset (e.g. its held-out test set): -ELBO in nats per field",
            "(L_REC + L_REG at beta = 1 in the true scale, whatever scale the model trained in), L_REC and L_REG in "
                + "the model's scale, and the fraction of the data's variance (around the mean field) that "
                + "decode(mean of q(z|y)) leaves unexplained, pooled and per channel, beside the squared error "
                + "over the data's "
                + "total variance (around the channel means). Writes one CSV row and prints it."})
    static final class Fit implements Runnable {
        @Mixin
        Common common = new Common();

        @Option(names = "--out", paramLabel = "CSV", defaultValue = "fit.csv",
                description = "CSV to write (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public void run() {
            common.output.check(out);
            try (TrainedModel model = TrainedModel.load(common.model)) {
                TrainingFields data = TrainingFields.read(common.data, false, false);
                HeldOutFit fit = HeldOutFit.of(model, data.fields(), common.settings(model));
                double[] perChannel = fit.unexplainedVariance();
                double[] row = new double[5 + perChannel.length];
                row[0] = fit.negativeElbo();
                row[1] = fit.losses().rec();
                row[2] = fit.losses().reg();
                row[3] = fit.errorOverTotalVariance();
                row[4] = fit.unexplainedTotal();
                System.arraycopy(perChannel, 0, row, 5, perChannel.length);
                StringBuilder header = new StringBuilder(
                        "neg_elbo_nats,l_rec,l_reg,error_over_total_variance,unexplained_variance");
                for (int c = 1; c <= perChannel.length; c++) {
                    header.append(",unexplained_variance_").append(c);
                }
                writeCsv(out, common.output.force, header.toString(), List.<double[]>of(row), row.length);
                System.out.printf(Locale.ROOT, "-ELBO %.6g nats per field  L_REC %.6g  L_REG %.6g  error / total variance "
                        + "%.4g  unexplained variance (1 - R^2) %.4g%n", row[0], row[1], row[2], row[3], row[4]);
            }
            System.err.printf("wrote %s%n", out);
        }
    }

    /** The latent axes against the theta axes along training, from the checkpoints a run kept. */
    @Command(name = "alignment", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"How the latent axes turn against the theta axes during training.",
            "Reads the checkpoints that train --keep-checkpoints kept (epoch-NNNNN.zip), encodes the dataset with "
                + "each and writes, per epoch, S_D and each latent's angle to its nearest theta axis (least squares "
                + "of z on theta; 0 aligned, 45 degrees an even mix of two parameters), and a PNG of the angles."})
    static final class Alignment implements Runnable {
        @Option(names = "--checkpoints", required = true, description = "Checkpoint folder of a run trained with "
                + "--keep-checkpoints (model.checkpoints/ for model.zip).")
        Path checkpoints;

        @Option(names = "--data", required = true, description = "Dataset with theta (HDF5 with 'output' and "
                + "'generative_params'), e.g. the held-out test set.")
        Path data;

        @Option(names = "--out", paramLabel = "CSV", defaultValue = "alignment.csv",
                description = "CSV to write (default: ${DEFAULT-VALUE}); the plot goes beside it.")
        Path out;

        @Mixin
        OutputOptions output = new OutputOptions();

        @Override
        public void run() {
            output.check(out);
            Path png = output.check(LineChart.besideCsv(out));
            List<Path> kept = keptCheckpoints(checkpoints);
            TrainingFields fields = TrainingFields.read(data, true, false);
            List<double[]> rows = new ArrayList<>();
            int recEpochs = 0;
            try (ConsoleProgress progress = new ConsoleProgress(System.err)) {
                for (Path checkpoint : kept) {
                    progress.checkCancelled();
                    try (TrainedModel model = TrainedModel.load(checkpoint)) {
                        recEpochs = model.settings().schedule().recEpochs();
                        LatentAlignment a = LatentAlignment.of(model.encode(fields.fields()).mean(), fields.theta());
                        double[] angles = a.anglesDegrees();
                        double[] row = new double[3 + angles.length];
                        row[0] = VaeTrainer.keptEpoch(checkpoint);
                        row[1] = a.sD();
                        row[2] = a.largestAngleDegrees();
                        System.arraycopy(angles, 0, row, 3, angles.length);
                        rows.add(row);
                    }
                    progress.report(rows.size() / (double) kept.size(), checkpoint.getFileName().toString());
                }
            }
            int latents = rows.get(0).length - 3;
            StringBuilder header = new StringBuilder("epoch,s_d,largest_angle_deg");
            LineChart chart = new LineChart("Latent axes against theta axes (L_REC alone until epoch " + recEpochs
                    + ")", "epoch", "angle to the nearest theta axis [deg]");
            for (int i = 1; i <= latents; i++) {
                header.append(",angle_deg_").append(i);
                chart.line("z_" + i, column(rows, 0), column(rows, 2 + i));
            }
            writeCsv(out, output.force, header.toString(), rows, 3 + latents);
            chart.write(png, output.force);
            System.err.printf("wrote %s and %s (%d checkpoints)%n", out, png, rows.size());
        }

        /** The kept checkpoints of the folder, by epoch. */
        private static List<Path> keptCheckpoints(Path folder) {
            if (!Files.isDirectory(folder)) {
                throw new InvalidInputException("--checkpoints: " + folder + " is not a folder");
            }
            List<Path> kept = VaeTrainer.keptCheckpoints(folder);
            if (kept.isEmpty()) {
                throw new InvalidInputException("--checkpoints: " + folder + " holds no epoch-NNNNN.zip; train with "
                        + "--keep-checkpoints");
            }
            return kept;
        }
    }

    static double[] column(List<double[]> rows, int c) {
        double[] x = new double[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i)[c];
        }
        return x;
    }

    static void writeCsv(Path out, boolean force, String header, List<double[]> rows, int columns) {
        try {
            AtomicFile.write(out, force, file -> {
                try (BufferedWriter w = Files.newBufferedWriter(file)) {
                    w.write(header);
                    w.write('\n');
                    for (double[] row : rows) {
                        StringBuilder b = new StringBuilder();
                        for (int c = 0; c < columns; c++) {
                            b.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9g", row[c]));
                        }
                        w.write(b.append('\n').toString());
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + org.fieldvae.IoReason.of(e), e);
        }
    }
}
