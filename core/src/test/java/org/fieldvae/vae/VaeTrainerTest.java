package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.fieldvae.CancelledException;
import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;
import org.fieldvae.nn.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on tiny nets and 17 x 17 two-factor fields: loss, seeding, checkpoints, save/load. Checks Eq. 7 (the
 * objective and its beta), Eq. 22-26 (Theorem 1), Eq. 29 (labels) and Eq. 13-14's beta_p of the paper;
 * docs/equations.md.
 */
class VaeTrainerTest {
    private static final int SAMPLES = 32;
    private static final double[][] THETA = new double[SAMPLES][2];
    private static final float[][][][] FIELDS = TinyVae.fields(SAMPLES, 17, 5, THETA);

    @TempDir
    Path dir;

    @Test
    void lossFallsAndTheSameSeedGivesTheSameModel() {
        VaeSettings s = TinyVae.settings(PriorKind.STANDARD).withEpochs(30, 10);
        TrainedModel a = VaeTrainer.train(s, TrainingData.of(FIELDS), null, Progress.NONE);
        List<EpochRecord> h = a.history().epochs();
        assertEquals(30, h.size());
        double first = h.get(0).lossRec();
        double last = h.get(h.size() - 1).lossRec();
        assertTrue(last < first - 0.5, "L_REC " + first + " -> " + last);
        assertEquals(s.beta().beta0(), h.get(9).beta(), "beta is held at beta0 in the reconstruction-only phase");
        double expected = s.beta().beta0();
        assertTrue(h.get(10).beta() != expected && h.get(10).beta() <= 1.0, "the Klushyn scheduler moves beta");
        TrainedModel b = VaeTrainer.train(s, TrainingData.of(FIELDS), null, Progress.NONE);
        assertArrayEquals(a.encode(FIELDS).mean(), b.encode(FIELDS).mean());
        assertEquals(a.history().epochs().get(29).lossRec(), b.history().epochs().get(29).lossRec());
        TrainedModel c = VaeTrainer.train(s.withSeed(2), TrainingData.of(FIELDS), null, Progress.NONE);
        assertFalse(java.util.Arrays.deepEquals(a.encode(FIELDS).mean(), c.encode(FIELDS).mean()));
    }

    /** Fu et al.'s cyclical annealing as the trainer applies it: beta rises, holds at its maximum, restarts. */
    @Test
    void cyclicalBetaRestartsEveryCycle() {
        VaeSettings s = TinyVae.settings(PriorKind.STANDARD).withEpochs(10, 2).withCyclicalBeta(2.0, 2, 0.5);
        List<EpochRecord> h = VaeTrainer.train(s, TrainingData.of(FIELDS), null, Progress.NONE).history().epochs();
        // 8 post-reconstruction epochs in 2 cycles of 4: end of the 1st epoch of a cycle is a quarter of the way
        double firstOfCycle1 = h.get(2).beta();
        assertTrue(firstOfCycle1 > 0 && firstOfCycle1 < 2.0, "rising: " + firstOfCycle1);
        assertEquals(2.0, h.get(4).beta(), "held at the maximum in the second half of the cycle");
        assertEquals(2.0, h.get(5).beta());
        assertEquals(firstOfCycle1, h.get(6).beta(), 1e-12, "the second cycle starts again from the bottom");
    }

    /**
     * Checks the sub-latent weight beta_p on KL(q(xi|z) || N(0, I)) of Eq. 13-14 (Appendix B's schedule; see
     * docs/equations.md): L_REG is affine in beta_p with the sub-latent KL (>= 0) as slope; the KL's gradient, the
     * difference of the gradients at beta_p = 1 and 0, matches central differences of the KL on the prior encoder
     * and is zero on the prior decoder; and in the trainer beta_p = 1e-8 changes nothing in the reconstruction-only
     * phase (L_REG has weight 0 there) and changes the model after it.
     */
    @Test
    void subLatentScheduleChangesTheHierarchicalModel() {
        VaeSettings s = TinyVae.settings(PriorKind.HIERARCHICAL);
        ParameterStore store = new ParameterStore();
        Regulariser r = new Regulariser(s, store, new LogVarianceBound(s.priorAndLoss().logVarianceBound()));
        store.allocate(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        store.initialise(s.architecture().init(), 7);
        double[][][] in = regulariserInputs(8);
        double klTerm = subLatentLoss(r, in, 1) - subLatentLoss(r, in, 0);
        assertTrue(klTerm > 0, "the sub-latent KL is positive: " + klTerm);
        assertEquals(subLatentLoss(r, in, 0) + 0.37 * klTerm, subLatentLoss(r, in, 0.37), 1e-12);
        double[] g0 = subLatentGradient(r, store, in, 0);
        double[] g1 = subLatentGradient(r, store, in, 1);
        double[] values = store.getAll();
        double h = 1e-6;
        int checked = 0;
        for (ParameterStore.Entry e : store.entries()) {
            for (long k = e.offset(); k < e.offset() + e.length(); k += Math.max(1, e.length() / 3)) {
                int i = Math.toIntExact(k);
                double klGradient = g1[i] - g0[i];
                if (e.name().startsWith("prior.decoder")) {
                    assertEquals(0.0, klGradient, 0.0, "the sub-latent KL does not reach " + e.name());
                    continue;
                }
                double[] shifted = values.clone();
                shifted[i] = values[i] + h;
                store.setAll(shifted);
                double up = subLatentLoss(r, in, 1) - subLatentLoss(r, in, 0);
                shifted[i] = values[i] - h;
                store.setAll(shifted);
                double down = subLatentLoss(r, in, 1) - subLatentLoss(r, in, 0);
                store.setAll(values);
                // central differences: error O(h^2) plus rounding 1e-16 / h
                assertEquals((up - down) / (2 * h), klGradient, 1e-6, e.name() + "[" + (k - e.offset()) + "]");
                checked++;
            }
        }
        assertTrue(checked >= 9, "prior encoder entries checked: " + checked);

        // in the reconstruction-only phase L_REG has weight 0, so beta_p cannot matter; after it (beta = 1), it does
        for (int epochs : new int[] {2, 3}) {
            VaeSettings t = s.withEpochs(epochs, 2).withFixedBeta(1.0);
            double[][] plain = VaeTrainer.train(t, TrainingData.of(FIELDS), null, Progress.NONE).encode(FIELDS).mean();
            double[][] small = VaeTrainer.train(t.withSubLatentSchedule(true, 1e-8), TrainingData.of(FIELDS), null,
                    Progress.NONE).encode(FIELDS).mean();
            assertEquals(epochs == 2, java.util.Arrays.deepEquals(plain, small), epochs + " epochs, 2 reconstruction-only");
        }
        assertThrows(IllegalArgumentException.class,
                () -> TinyVae.settings(PriorKind.STANDARD).withSubLatentSchedule(true, 1e-8));
    }

    /** beta_p has no history column, so a run with the sub-latent schedule shows it on its progress line. */
    @Test
    void theProgressLineShowsBetaPOnlyWhenItIsScheduled() {
        VaeSettings s = TinyVae.settings(PriorKind.HIERARCHICAL).withEpochs(3, 1).withFixedBeta(1.0);
        for (boolean scheduled : new boolean[] {false, true}) {
            List<String> lines = new ArrayList<>();
            VaeTrainer.train(s.withSubLatentSchedule(scheduled, 1e-8), TrainingData.of(FIELDS), null,
                    Progress.listening((fraction, message) -> lines.add(message)));
            String last = lines.stream().filter(l -> l.startsWith("epoch 3/3")).findFirst().orElseThrow();
            assertEquals(scheduled, last.contains("beta_p "), last);
            // after the reconstruction-only epoch the scheduler has moved beta_p off its start
            assertTrue(!scheduled || !last.contains("beta_p 1.00e-08"), last);
        }
    }

    /** mu, logvar, z = mu + exp(logvar / 2) eps, eps, eps' of a batch, seeded. */
    private static double[][][] regulariserInputs(int batch) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        double[][][] in = new double[5][batch][2];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < 2; j++) {
                in[0][b][j] = TinyVae.gaussian(random);
                in[1][b][j] = -1 + random.nextDouble();
                in[3][b][j] = TinyVae.gaussian(random);
                in[4][b][j] = TinyVae.gaussian(random);
                in[2][b][j] = in[0][b][j] + Math.exp(in[1][b][j] / 2) * in[3][b][j];
            }
        }
        return in;
    }

    private static double subLatentLoss(Regulariser r, double[][][] in, double betaP) {
        return r.evaluate(in[0], in[1], in[2], in[3], in[4], betaP, 1.0, false).loss();
    }

    /** The gradient of L_REG with respect to every stored parameter, at the given beta_p. */
    private static double[] subLatentGradient(Regulariser r, ParameterStore store, double[][][] in, double betaP) {
        r.evaluate(in[0], in[1], in[2], in[3], in[4], betaP, 1.0, true);
        return store.gradients().dup().toDoubleVector();
    }

    /** A progress that asks to stop once it has had the given number of reports (one per epoch). */
    private static Progress cancelledAfter(int reports) {
        AtomicInteger count = new AtomicInteger();
        return new Progress() {
            @Override
            public void report(double fraction, String message) {
                count.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return count.get() >= reports;
            }
        };
    }

    @Test
    void resumedRunEqualsUninterruptedRun() {
        VaeSettings s = TinyVae.settings(PriorKind.HIERARCHICAL).withEpochs(12, 4).withCheckpointEvery(3);
        TrainedModel whole = VaeTrainer.train(s, TrainingData.of(FIELDS), null, Progress.NONE);
        assertThrows(CancelledException.class,
                () -> VaeTrainer.train(s, TrainingData.of(FIELDS), dir, cancelledAfter(7)));
        TrainedModel resumed = VaeTrainer.resume(dir, TrainingData.of(FIELDS), Progress.NONE);
        assertArrayEquals(whole.encode(FIELDS).mean(), resumed.encode(FIELDS).mean());
        assertArrayEquals(TrainedModel.toFloats(whole.vae.params), TrainedModel.toFloats(resumed.vae.params));
        assertEquals(12, resumed.history().epochs().size());
    }

    @Test
    void keptCheckpointsAreTheModelsOfTheirEpochsAndAResumedRunGoesOnKeepingThem() throws IOException {
        VaeSettings s = TinyVae.settings(PriorKind.STANDARD).withEpochs(6, 2).withCheckpointEvery(2);
        Path kept = Files.createDirectories(dir.resolve("kept"));
        assertThrows(CancelledException.class,
                () -> VaeTrainer.train(s, TrainingData.of(FIELDS), kept, true, cancelledAfter(3)));
        assertEquals(List.of(2), VaeTrainer.keptCheckpoints(kept).stream().map(VaeTrainer::keptEpoch).toList());
        TrainedModel resumed = VaeTrainer.resume(kept, TrainingData.of(FIELDS), Progress.NONE);
        List<Path> files = VaeTrainer.keptCheckpoints(kept);
        assertEquals(List.of(2, 4, 6), files.stream().map(VaeTrainer::keptEpoch).toList());
        try (TrainedModel last = TrainedModel.load(files.get(2)); TrainedModel second = TrainedModel.load(files.get(1))) {
            assertArrayEquals(TrainedModel.toFloats(resumed.vae.params), TrainedModel.toFloats(last.vae.params));
            assertFalse(Arrays.equals(TrainedModel.toFloats(last.vae.params), TrainedModel.toFloats(second.vae.params)));
        }
        Path plain = Files.createDirectories(dir.resolve("plain"));
        VaeTrainer.train(s, TrainingData.of(FIELDS), plain, Progress.NONE).close();
        assertTrue(VaeTrainer.keptCheckpoints(plain).isEmpty(), "checkpoints are kept only when asked for");
    }

    @Test
    void populationStatisticsChangeOnlyTheBatchNormStatisticsAndForgetWhereTheyStarted() {
        VaeSettings running = TinyVae.settings(PriorKind.STANDARD).withEpochs(4, 1);
        VaeSettings population = running.with(running.schedule().withBatchNormStatistics(BatchNormStatistics.POPULATION));
        TrainedModel a = VaeTrainer.train(running, TrainingData.of(FIELDS), null, Progress.NONE);
        TrainedModel b = VaeTrainer.train(population, TrainingData.of(FIELDS), null, Progress.NONE);
        assertArrayEquals(TrainedModel.toFloats(a.vae.params), TrainedModel.toFloats(b.vae.params));
        float[] recomputed = TrainedModel.toFloats(b.vae.state);
        assertFalse(Arrays.equals(TrainedModel.toFloats(a.vae.state), recomputed));
        // from statistics far off (all running means 5, variances 5) the passes reach the same ones
        b.vae.state.values().assign(5.0);
        VaeTrainer.populationStatistics(b.vae, TrainingData.of(FIELDS), Progress.NONE);
        float[] again = TrainedModel.toFloats(b.vae.state);
        for (int i = 0; i < again.length; i++) {
            assertEquals(recomputed[i], again[i], 1e-3 * (1 + Math.abs(recomputed[i])), "statistic " + i);
        }
    }

    @Test
    void savedModelLoadsWithIdenticalEncodingsAndCorruptFilesAreRejected() throws IOException {
        VaeSettings s = TinyVae.settings(PriorKind.SCALED).withEpochs(3, 1);
        TrainedModel model = VaeTrainer.train(s, TrainingData.of(FIELDS), null, Progress.NONE);
        Path zip = dir.resolve("model.zip");
        model.save(zip, false);
        TrainedModel loaded = TrainedModel.load(zip);
        assertEquals(model.settings(), loaded.settings());
        assertEquals(model.history(), loaded.history());
        Encoding a = model.encode(FIELDS);
        Encoding b = loaded.encode(FIELDS);
        assertArrayEquals(a.mean(), b.mean());
        assertArrayEquals(a.logVariance(), b.logVariance());
        assertThrows(InvalidInputException.class, () -> model.save(zip, false));
        // batch independence: one field alone encodes as it does among others
        // (to float rounding: kernels block a batch of 1 differently)
        assertArrayEquals(a.mean()[3], model.encode(new float[][][][] {FIELDS[3]}).mean()[0], 1e-5);

        Path corrupt = dir.resolve("corrupt.zip");
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(corrupt, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TrainedModel.load(corrupt));
        assertTrue(e.getMessage().contains("corrupt.zip"), e.getMessage());
        Path text = Files.writeString(dir.resolve("text.zip"), "not a zip");
        assertTrue(assertThrows(InvalidInputException.class, () -> TrainedModel.load(text)).getMessage()
                .contains("text.zip"));
    }

    /**
     * Theorem 1: when the regularisation dominates, q(z|y) collapses onto the prior, and the decoder's best
     * output is the data mean, whatever z.
     */
    @Test
    void overRegularisedModelDecodesToTheDataMeanAndIsFlagged() {
        VaeSettings s = TinyVae.settings(PriorKind.STANDARD).withEpochs(60, 0).withFixedBeta(1e4)
                .withLearningRate(3e-3);
        TrainedModel model = VaeTrainer.train(s, TrainingData.of(FIELDS), null, Progress.NONE);
        assertTrue(model.history().overRegularised(), model.history().warning());
        assertFalse(model.history().warning().isEmpty());
        float[][][][] decoded = model.decode(new double[][] {{0, 0}, {1.5, -1}});
        double meanError = 0;
        double spread = 0;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 17; i++) {
                for (int j = 0; j < 17; j++) {
                    double mean = 0;
                    for (float[][][] f : FIELDS) {
                        mean += f[c][i][j] / SAMPLES;
                    }
                    meanError += Math.pow(decoded[0][c][i][j] - mean, 2) + Math.pow(decoded[1][c][i][j] - mean, 2);
                    for (float[][][] f : FIELDS) {
                        spread += 2 * Math.pow(f[c][i][j] - mean, 2) / SAMPLES;
                    }
                }
            }
        }
        // squared distance from the data mean, relative to the data's own spread about it
        assertTrue(meanError < 0.05 * spread, "decoded vs data mean: " + meanError / spread);
    }

    @Test
    void labelledLatentMeansMoveToTheirTheta() {
        boolean[] labelled = new boolean[SAMPLES];
        for (int i = 0; i < SAMPLES; i += 2) {
            labelled[i] = true;
        }
        TrainingData data = new TrainingData(FIELDS, THETA, labelled);
        VaeSettings s = TinyVae.settings(PriorKind.STANDARD).withEpochs(30, 10);
        double plain = labelDistance(VaeTrainer.train(s, data, null, Progress.NONE), labelled);
        double semi = labelDistance(VaeTrainer.train(s.withSemiSupervised(true), data, null, Progress.NONE), labelled);
        assertTrue(semi < 0.5 * plain, "mean |mu - theta|: semi-supervised " + semi + ", plain " + plain);
    }

    private static double labelDistance(TrainedModel m, boolean[] labelled) {
        double[][] mu = m.encode(FIELDS).mean();
        double sum = 0;
        int count = 0;
        for (int i = 0; i < SAMPLES; i++) {
            if (labelled[i]) {
                sum += Math.hypot(mu[i][0] - THETA[i][0], mu[i][1] - THETA[i][1]);
                count++;
            }
        }
        return sum / count;
    }

    @Test
    void divergingRunStopsWithAClearMessageAndKeepsTheLastFiniteCheckpoint() {
        VaeSettings s = TinyVae.settings(PriorKind.STANDARD).withEpochs(40, 0).withFixedBeta(1.0)
                .withLearningRate(new int[] {2}, new double[] {1e-3, 1e6}).withLogVarianceBound(80)
                .withCheckpointEvery(1);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> VaeTrainer.train(s, TrainingData.of(FIELDS), dir, Progress.NONE));
        assertTrue(e.getMessage().contains("diverged") && e.epoch() >= 3, e.getMessage());
        assertEquals(1e6, e.learningRate(), "the epoch's learning rate is reported");
        TrainedModel last = TrainedModel.load(dir.resolve(VaeTrainer.CHECKPOINT));
        assertTrue(last.history().epochs().size() >= 2, "checkpoint after " + last.history().epochs().size() + " epochs");
        for (EpochRecord r : last.history().epochs()) {
            assertTrue(Double.isFinite(r.lossRec()) && Double.isFinite(r.lossReg()), r.toString());
        }
        assertEquals(0, DivergenceGuard.nonFinite(TrainedModel.toFloats(last.vae.params)), "kept weights are finite");
        assertEquals(0, DivergenceGuard.nonFinite(TrainedModel.toFloats(last.vae.state)));
    }

    @Test
    void badDataAndSettingsGiveClearErrors() {
        VaeSettings s = TinyVae.settings(PriorKind.STANDARD);
        assertTrue(assertThrows(InvalidInputException.class,
                () -> new TrainingData(FIELDS, null, new boolean[SAMPLES])).getMessage().contains("theta"));
        float[][][][] wrongGrid = TinyVae.fields(4, 33, 1, null);
        assertTrue(assertThrows(InvalidInputException.class,
                () -> VaeTrainer.train(s, TrainingData.of(wrongGrid), null, Progress.NONE)).getMessage().contains("33"));
        assertThrows(InvalidInputException.class,
                () -> VaeTrainer.train(s.withSemiSupervised(true), TrainingData.of(FIELDS), null, Progress.NONE));
        assertThrows(InvalidInputException.class, () -> VaeTrainer.resume(dir, TrainingData.of(FIELDS), Progress.NONE));
    }
}
