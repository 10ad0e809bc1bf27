package org.fieldvae.vae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.fieldvae.AtomicFile;
import org.fieldvae.FieldVaeException;
import org.fieldvae.InvalidInputException;
import org.fieldvae.IoReason;
import org.fieldvae.Progress;
import org.fieldvae.nn.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Trains a DenseVAE (the "VAE/HP learner"): Adam, shuffled minibatches, a reconstruction-only phase,
 * then the chosen beta schedule, the piecewise learning rate, checkpoints and resume. A diverged run stops
 * with {@link TrainingDivergedException} ({@link DivergenceGuard}); an epoch whose L_REG spikes is undone
 * ({@link SpikeRollback}); every checkpoint carries the fingerprint
 * that {@link ResumeRule} checks before it is continued.
 *
 * <p>Reproducibility: the shuffling of epoch e comes from a stream derived from (seed, e) and the
 * reparameterisation noise of minibatch b of epoch e from (seed, e, b), so a run resumed from a checkpoint
 * (which holds weights, Adam moments, batch-norm statistics, beta and the step count) takes exactly the
 * steps of an uninterrupted one. Labelled samples are spread over the minibatches by the same shuffle; the
 * semi-supervised term averages over the labelled samples of each minibatch.
 */
public final class VaeTrainer {
    /** The checkpoint file inside the checkpoint folder. */
    public static final String CHECKPOINT = "checkpoint.zip";
    /** Minibatch of the passes that recompute population statistics ({@link BatchNormStatistics#POPULATION}). */
    public static final int POPULATION_BATCH = 64;
    /** Running-average updates those passes make: 0.9^100 = 3e-5 of the training-time averages is left. */
    static final int POPULATION_UPDATES = 100;
    /** Name of a checkpoint kept for probes along training, by its epoch (written only when asked for). */
    public static final String KEPT_CHECKPOINT = "epoch-%05d.zip";
    /** What {@link #KEPT_CHECKPOINT} names look like, the epoch in group 1. */
    private static final Pattern KEPT_NAME = Pattern.compile("epoch-(\\d+)\\.zip");
    static final double ADAM_BETA1 = 0.9;
    static final double ADAM_BETA2 = 0.999;
    static final double ADAM_EPSILON = 1e-8;
    /** The decoded spread below which the decoder counts as flat (1% of the data's variance). */
    static final double FLAT_SPREAD = 0.01;
    /** L_REG per latent dimension below which the posterior counts as collapsed onto the prior. */
    static final double COLLAPSED_KL = 0.01;

    private VaeTrainer() {
    }

    /** Where a run stands; written into checkpoints. */
    record State(int epochsDone, double beta, double betaP, long steps, double elapsedSeconds,
            List<EpochRecord> epochs) {
    }

    /**
     * Trains from scratch.
     *
     * @param checkpointDir folder for {@value #CHECKPOINT} (written every settings.checkpointEvery() epochs and
     *                      at the end), or null for none
     */
    public static TrainedModel train(VaeSettings settings, TrainingData data, Path checkpointDir, Progress progress) {
        return train(settings, data, checkpointDir, false, progress);
    }

    /**
     * Trains from scratch; with {@code keepCheckpoints} every checkpoint also stays in the folder as
     * {@value #KEPT_CHECKPOINT} of its epoch, a model that the probes along training read (a resumed run goes
     * on keeping them when the folder has any).
     */
    public static TrainedModel train(VaeSettings settings, TrainingData data, Path checkpointDir,
            boolean keepCheckpoints, Progress progress) {
        check(settings, data);
        DenseVae vae = new DenseVae(settings, DataType.FLOAT);
        if (settings.schedule().outputVarianceStart() == OutputVarianceStart.DATA_VARIANCE) {
            vae.setOutputLogVariance(dataLogVariance(data.fields(), settings.priorAndLoss().logVarianceBound()));
        }
        State state = new State(0, settings.beta().beta0(), settings.priorAndLoss().betaP0(), 0, 0, List.of());
        return run(vae, null, state, data, new Checkpoints(checkpointDir, keepCheckpoints), progress);
    }

    /** Continues the run whose checkpoint is in the folder, with the same data, to its planned epochs. */
    public static TrainedModel resume(Path checkpointDir, TrainingData data, Progress progress) {
        Path zip = checkpointDir.resolve(CHECKPOINT);
        if (!Files.isRegularFile(zip)) {
            throw new InvalidInputException("no checkpoint to resume from: " + zip + " does not exist");
        }
        Map<String, byte[]> e = ModelArchive.read(zip, ModelArchive.SETTINGS, ModelArchive.GRAPH,
                ModelArchive.PARAMETERS, ModelArchive.BATCH_NORM, ModelArchive.TRAINER, ModelArchive.ADAM);
        VaeSettings settings = ModelArchive.json(e.get(ModelArchive.SETTINGS), VaeSettings.class, zip,
                ModelArchive.SETTINGS);
        check(settings, data);
        State state = ModelArchive.json(e.get(ModelArchive.TRAINER), State.class, zip, ModelArchive.TRAINER);
        DenseVae vae = TrainedModel.restore(settings, e, zip);
        float[] adam = ModelArchive.floats(e.get(ModelArchive.ADAM), zip, ModelArchive.ADAM, 2 * vae.parameterCount());
        return run(vae, adam, state, data, new Checkpoints(checkpointDir, Checkpoints.keptIn(checkpointDir)),
                progress);
    }

    private static void check(VaeSettings s, TrainingData data) {
        if (data.grid() != s.architecture().grid() || data.channels() != s.architecture().channels()) {
            throw new InvalidInputException("training data are " + data.channels() + " x " + data.grid() + " x "
                    + data.grid() + " fields but the settings ask for " + s.architecture().channels() + " x " + s.architecture().grid() + " x "
                    + s.architecture().grid());
        }
        if (s.priorAndLoss().semiSupervised()) {
            if (data.labelledCount() == 0) {
                throw new InvalidInputException("semi-supervised training needs labelled samples (theta and labelled)");
            }
            if (data.theta()[0].length != s.architecture().latent()) {
                throw new InvalidInputException("semi-supervised training needs theta of the latent dimension "
                        + s.architecture().latent() + ", got " + data.theta()[0].length);
            }
        }
    }

    private static TrainedModel run(DenseVae vae, float[] adamState, State start, TrainingData data,
            Checkpoints checkpoints, Progress progress) {
        Path checkpointDir = checkpoints.folder();
        VaeSettings s = vae.settings;
        String backend = Backend.ensureLoaded();
        long p = vae.parameterCount();
        INDArray moments = Nd4j.zeros(DataType.FLOAT, 1, 2 * p);
        AdamUpdater adam = new AdamUpdater(new Adam(s.schedule().lrValues()[0], ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON));
        adam.setStateViewArray(moments, new long[] {1, p}, 'c', adamState == null);
        if (adamState != null) {
            moments.assign(Nd4j.createFromArray(adamState).reshape(1, 2 * p));
        }
        INDArray gradients = vae.params.gradients().reshape(1, p);
        INDArray values = vae.params.values().reshape(1, p);

        int n = data.size();
        int batches = (n + s.schedule().batch() - 1) / s.schedule().batch();
        long postRecSteps = (long) (s.schedule().epochs() - s.schedule().recEpochs()) * batches;
        double beta = start.beta();
        double betaP = start.betaP();
        long steps = start.steps();
        List<EpochRecord> records = new ArrayList<>(start.epochs());
        byte[] fingerprint = checkpointDir == null ? null : ResumeRule.fingerprint(s, data);
        long t0 = System.nanoTime();
        INDArray statistics = vae.state.size() == 0 ? null : vae.state.values();
        SpikeRollback rollback = new SpikeRollback();
        for (int epoch = start.epochsDone(); epoch < s.schedule().epochs(); epoch++) {
            rollback.save(values, moments, statistics, beta, betaP, steps);
            double lr = BetaSchedule.learningRate(epoch, s.schedule().lrBoundaries(), s.schedule().lrValues());
            ((Adam) adam.getConfig()).setLearningRate(lr);
            int[] order = permutation(n, new SplittableRandom(derive(s.run().seed(), epoch, 0)));
            boolean recOnly = epoch < s.schedule().recEpochs();
            double rec = 0;
            double reg = 0;
            double label = 0;
            int used = 0;
            for (int b = 0; b < batches; b++) {
                progress.checkCancelled();
                int from = b * s.schedule().batch();
                int size = Math.min(s.schedule().batch(), n - from);
                if (size < 2) {
                    continue; // batch statistics of one sample are degenerate
                }
                SplittableRandom noise = new SplittableRandom(derive(s.run().seed(), epoch, b + 1));
                Batch batch = Batch.of(data, order, from, size, s, noise);
                double weight = recOnly ? 0.0 : switch (s.beta().betaSchedule()) {
                    case KLUSHYN -> beta;
                    case FIXED -> s.beta().fixedBeta();
                    case CYCLICAL -> BetaSchedule.cyclical((long) (epoch - s.schedule().recEpochs()) * batches + b,
                            postRecSteps, s.beta().cycles(), s.beta().cycleRatio(), s.beta().fixedBeta());
                };
                double subWeight = s.priorAndLoss().subLatentSchedule() ? betaP : 1.0;
                DenseVae.Losses losses = vae.step(batch.fields, batch.eps, batch.eps2, batch.theta, batch.labelled,
                        weight, subWeight, true);
                DivergenceGuard.checkLoss(epoch, lr, losses);
                adam.applyUpdater(gradients, (int) steps, epoch);
                if (s.schedule().outputVarianceRate() != 1.0) {
                    // Adam's moments do not depend on the learning rate, so scaling this parameter's update
                    // is Adam with learning rate lr * rate for it alone
                    vae.outputLogVarianceGradient().muli(s.schedule().outputVarianceRate());
                }
                values.subi(gradients);
                steps++;
                rec += losses.rec();
                reg += losses.reg();
                label += losses.label();
                used++;
                if (!recOnly && s.beta().betaSchedule() == BetaScheduleKind.KLUSHYN) {
                    beta = BetaSchedule.klushyn(beta, losses.recPerPixel(), s.beta().nu(), s.beta().tau());
                }
                if (!recOnly && s.priorAndLoss().subLatentSchedule()) {
                    betaP = BetaSchedule.step(betaP, losses.logPrior(), s.beta().nu(), s.beta().tau());
                }
            }
            double shownBeta = recOnly ? s.beta().beta0() : switch (s.beta().betaSchedule()) {
                case KLUSHYN -> beta;
                case FIXED -> s.beta().fixedBeta();
                case CYCLICAL -> BetaSchedule.cyclical((long) (epoch + 1 - s.schedule().recEpochs()) * batches - 1,
                        postRecSteps, s.beta().cycles(), s.beta().cycleRatio(), s.beta().fixedBeta());
            };
            double elapsed = start.elapsedSeconds() + (System.nanoTime() - t0) * 1e-9;
            records.add(new EpochRecord(epoch + 1, rec / used, reg / used, label / used, shownBeta, lr, elapsed));
            double perEpoch = (System.nanoTime() - t0) * 1e-9 / (epoch + 1 - start.epochsDone());
            // beta_p is not in the history's columns, so the progress line is where a run of the full variant shows it
            String shownBetaP = s.priorAndLoss().subLatentSchedule()
                    ? String.format(Locale.ROOT, "  beta_p %.3g", betaP) : "";
            progress.report((epoch + 1.0) / s.schedule().epochs(), String.format(Locale.ROOT,
                    "epoch %d/%d  L_REC %.4g  L_REG %.4g  beta %.3g%s  lr %.3g  elapsed %.0f s  ETA %.0f s", epoch + 1,
                    s.schedule().epochs(), rec / used, reg / used, shownBeta, shownBetaP, lr, elapsed,
                    perEpoch * (s.schedule().epochs() - epoch - 1)));
            boolean last = epoch + 1 == s.schedule().epochs();
            SpikeRollback.Counters restored = null;
            if (rollback.undo(records, s.schedule().recEpochs())) {
                restored = rollback.restore(values, moments, statistics);
                progress.report((epoch + 1.0) / s.schedule().epochs(), String.format(Locale.ROOT,
                        "epoch %d: L_REG %.4g spiked (over %.0fx the median of the %d epochs before); the epoch is "
                                + "undone", epoch + 1, reg / used, SpikeRollback.FACTOR, SpikeRollback.WINDOW));
            }
            if (last && rollback.acceptedSpikeNear(epoch + 1)) {
                restored = rollback.restoreBeforeAcceptedSpike(values, moments, statistics);
                progress.report(1.0, String.format(Locale.ROOT, "the run ends %d epochs after a spike it could not "
                        + "undo (epoch %d): the model kept is the one from before that epoch", epoch + 1
                        - rollback.acceptedAt(), rollback.acceptedAt()));
            }
            if (restored != null) {
                beta = restored.beta();
                betaP = restored.betaP();
                steps = restored.steps();
            }
            DivergenceGuard.checkWeights(epoch, lr, TrainedModel.toFloats(vae.params), TrainedModel.toFloats(vae.state));
            if (checkpointDir != null && ((epoch + 1) % s.run().checkpointEvery() == 0 || last)) {
                State now = new State(epoch + 1, beta, betaP, steps, elapsed, records);
                checkpoint(vae, moments, now, backend, fingerprint, checkpoints);
            }
        }
        if (s.schedule().batchNormStatistics() == BatchNormStatistics.POPULATION) {
            populationStatistics(vae, data, progress);
        }
        return new TrainedModel(vae, history(vae, records, data, backend));
    }

    /**
     * Replaces the running batch-norm statistics by population statistics of the finished weights
     * ({@link BatchNormStatistics#POPULATION}): training-mode passes over the training set that update the
     * running averages and nothing else, with noise streams of their own (after the last epoch's).
     */
    static void populationStatistics(DenseVae vae, TrainingData data, Progress progress) {
        VaeSettings s = vae.settings;
        int n = data.size();
        int batch = Math.min(POPULATION_BATCH, n);
        int perPass = n / batch;
        int passes = (POPULATION_UPDATES + perPass - 1) / perPass;
        progress.report(1.0, "batch-norm population statistics: " + passes + " passes over the training set");
        for (int pass = 0; pass < passes; pass++) {
            int stream = s.schedule().epochs() + pass;
            int[] order = permutation(n, new SplittableRandom(derive(s.run().seed(), stream, 0)));
            for (int b = 0; b < perPass; b++) {
                progress.checkCancelled();
                Batch x = Batch.of(data, order, b * batch, batch, s, new SplittableRandom(derive(s.run().seed(), stream, b + 1)));
                vae.step(x.fields, x.eps, x.eps2, x.theta, x.labelled, 1.0, 1.0, false);
            }
        }
    }

    private static void checkpoint(DenseVae vae, INDArray moments, State state, String backend, byte[] fingerprint,
            Checkpoints checkpoints) {
        TrainedModel model = new TrainedModel(vae, new TrainingHistory(state.epochs(), false, Double.NaN, backend));
        Map<String, byte[]> e = model.entries();
        e.put(ResumeRule.ENTRY, fingerprint);
        e.put(ModelArchive.TRAINER, ModelArchive.json(state));
        e.put(ModelArchive.ADAM, ModelArchive.floats(moments.reshape(moments.length()).toFloatVector()));
        Path checkpoint = checkpoints.folder().resolve(CHECKPOINT);
        ModelArchive.write(checkpoint, e, true);
        if (checkpoints.keep()) {
            Path kept = checkpoints.kept(state.epochsDone());
            try {
                // a copy of the file just written, through a temporary file, so a killed run leaves no partial one
                AtomicFile.write(kept, true, temp -> Files.copy(checkpoint, temp, StandardCopyOption.REPLACE_EXISTING));
            } catch (IOException x) {
                throw new UncheckedIOException("cannot write " + kept + ": " + IoReason.of(x), x);
            }
        }
    }

    /** Where checkpoints go, and whether each one also stays as {@value #KEPT_CHECKPOINT}. */
    record Checkpoints(Path folder, boolean keep) {
        Path kept(int epoch) {
            return folder.resolve(String.format(Locale.ROOT, KEPT_CHECKPOINT, epoch));
        }

        /** Whether the folder holds kept checkpoints, so that a resumed run goes on keeping them. */
        static boolean keptIn(Path folder) {
            return !keptCheckpoints(folder).isEmpty();
        }
    }

    /** The checkpoints kept in a folder ({@value #KEPT_CHECKPOINT}), in the order of their epochs. */
    public static List<Path> keptCheckpoints(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> KEPT_NAME.matcher(f.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + IoReason.of(e), e);
        }
    }

    /** The epoch of a checkpoint named {@value #KEPT_CHECKPOINT}. */
    public static int keptEpoch(Path keptCheckpoint) {
        Matcher m = KEPT_NAME.matcher(keptCheckpoint.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(keptCheckpoint + " is not named like " + KEPT_CHECKPOINT);
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * The final history with the over-regularisation verdict (Theorem 1): the decoded latent means of the
     * training set hardly vary, and (for the closed-form priors) L_REG of the last epoch is near 0.
     */
    static TrainingHistory history(DenseVae vae, List<EpochRecord> records, TrainingData data, String backend) {
        TrainedModel probe = new TrainedModel(vae, null);
        float[][][][] decoded = probe.decode(probe.encode(data.fields()).mean());
        double spread = variance(decoded) / Math.max(1e-30, variance(data.fields()));
        VaeSettings s = vae.settings;
        double lastReg = records.isEmpty() ? Double.NaN : records.get(records.size() - 1).lossReg();
        double perDimension = s.priorAndLoss().lossScale() == LossScale.ELBO ? lastReg / s.architecture().latent() : lastReg;
        boolean collapsed = s.priorAndLoss().prior() == PriorKind.HIERARCHICAL || Math.abs(perDimension) < COLLAPSED_KL;
        boolean over = !records.isEmpty() && spread < FLAT_SPREAD && collapsed;
        return new TrainingHistory(records, over, spread, backend);
    }

    /**
     * s_p = log((1/C) sum_c Var_samples(y[c][p])), clipped to [-bound, bound]: the start of
     * {@link OutputVarianceStart#DATA_VARIANCE}, as [i * n + j].
     *
     * @param f training fields [sample][channel][i][j], not modified
     */
    static double[] dataLogVariance(float[][][][] f, double bound) {
        int c = f[0].length;
        int n = f[0][0].length;
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int ch = 0; ch < c; ch++) {
                    sum += pixelVariance(f, ch, i, j);
                }
                s[i * n + j] = Math.max(-bound, Math.min(bound, Math.log(sum / c)));
            }
        }
        return s;
    }

    /** Sum over pixels and channels of the variance across samples. */
    static double variance(float[][][][] f) {
        int c = f[0].length;
        int n = f[0][0].length;
        double total = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    total += pixelVariance(f, ch, i, j);
                }
            }
        }
        return total;
    }

    /** The (biased) variance across samples of channel ch at node (i, j), two-pass for accuracy. */
    private static double pixelVariance(float[][][][] f, int ch, int i, int j) {
        double mean = 0;
        for (float[][][] sample : f) {
            mean += sample[ch][i][j];
        }
        mean /= f.length;
        double var = 0;
        for (float[][][] sample : f) {
            double d = sample[ch][i][j] - mean;
            var += d * d;
        }
        return var / f.length;
    }

    /** One minibatch: flattened fields, noise, labels. */
    private record Batch(float[] fields, double[][] eps, double[][] eps2, double[][] theta, boolean[] labelled) {
        static Batch of(TrainingData data, int[] order, int from, int size, VaeSettings s, SplittableRandom noise) {
            float[][][][] f = new float[size][][][];
            double[][] theta = s.priorAndLoss().semiSupervised() ? new double[size][] : null;
            boolean[] labelled = s.priorAndLoss().semiSupervised() ? new boolean[size] : null;
            for (int k = 0; k < size; k++) {
                int i = order[from + k];
                f[k] = data.fields()[i];
                if (theta != null) {
                    theta[k] = data.theta()[i];
                    labelled[k] = data.labelled() != null && data.labelled()[i];
                }
            }
            double[][] eps = new double[size][s.architecture().latent()];
            double[][] eps2 = new double[size][s.architecture().latent()];
            for (double[][] e : List.of(eps, eps2)) {
                for (double[] row : e) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = gaussian(noise);
                    }
                }
            }
            return new Batch(TrainedModel.flatten(f), eps, eps2, theta, labelled);
        }
    }

    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A standard normal deviate by the Box-Muller transform. */
    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /** A seed for stream (epoch, index) of a run: distinct streams for distinct pairs. */
    static long derive(long seed, int epoch, int index) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L))).split().nextLong() + 0xBF58476D1CE4E5B9L * index;
    }
}
