package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.fieldvae.Progress;
import org.junit.jupiter.api.Test;

/** An epoch whose L_REG spikes is undone (docs/learner.md "Spikes"). */
class SpikeRollbackTest {
    private static final int SAMPLES = 32;
    private static final float[][][][] FIELDS = TinyVae.fields(SAMPLES, 17, 5, null);

    /** L_REG 1, 2, 1, 2, ... (median 1.5) for the given epochs, then one epoch of the given L_REG. */
    private static List<EpochRecord> records(int epochs, double last) {
        List<EpochRecord> r = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            r.add(new EpochRecord(e, -1, 1 + e % 2, 0, 1, 1e-3, e));
        }
        r.add(new EpochRecord(epochs + 1, -1, last, 0, 1, 1e-3, epochs + 1));
        return r;
    }

    @Test
    void aSpikeIsTenTimesTheMedianOfTheTwentyEpochsBefore() {
        assertTrue(SpikeRollback.isSpike(records(30, 15.1), 5));
        assertFalse(SpikeRollback.isSpike(records(30, 14.9), 5), "10 x the median 1.5 is 15");
        assertFalse(SpikeRollback.isSpike(records(30, 1e6), 11), "the window reaches into the reconstruction phase");
        assertTrue(SpikeRollback.isSpike(records(30, 1e6), 10));
        assertFalse(SpikeRollback.isSpike(records(19, 1e6), 0), "fewer than 20 epochs before it");
    }

    /**
     * One epoch at the learning rate 1 (the largest allowed) makes L_REG spike; it is undone, and as the rate
     * afterwards is 1e-12, the weights the run ends with are those it had before that epoch: a run of the first
     * 21 epochs alone ends with the same ones.
     */
    @Test
    void aSpikedEpochIsUndone() {
        VaeSettings base = TinyVae.settings(PriorKind.STANDARD);
        VaeSettings spiked = base.withEpochs(24, 1).withLearningRate(new int[] {21, 22}, new double[] {1e-3, 1.0, 1e-12});
        TrainedModel run = VaeTrainer.train(spiked, TrainingData.of(FIELDS), null, Progress.NONE);
        List<EpochRecord> h = run.history().epochs();
        assertTrue(SpikeRollback.isSpike(h.subList(0, 22), 1), "epoch 22 spiked: " + h.get(21) + " after " + h.get(20));
        TrainedModel first21 = VaeTrainer.train(base.withEpochs(21, 1).withLearningRate(1e-3), TrainingData.of(FIELDS),
                null, Progress.NONE);
        assertArrayEquals(TrainedModel.toFloats(first21.vae.params), TrainedModel.toFloats(run.vae.params), 1e-6f);
    }
}
