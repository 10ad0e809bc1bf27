package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.fieldvae.Progress;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
     * Epochs 31-34 spike, so 31-33 are undone and 34 is accepted (each epoch's "training" sets the weights to its
     * number). A run that ends within 20 epochs of it keeps the weights from before it; a longer one keeps its own.
     */
    @Test
    void aRunEndingSoonAfterAnAcceptedSpikeKeepsTheStateFromBeforeIt() {
        INDArray weights = Nd4j.zeros(DataType.FLOAT, 3).assign(30); // as epoch 30 left them
        INDArray moments = Nd4j.zeros(DataType.FLOAT, 6);
        SpikeRollback rollback = new SpikeRollback();
        List<EpochRecord> history = new ArrayList<>(records(29, 2).subList(0, 30));
        List<Boolean> undone = new ArrayList<>();
        for (int epoch = 31; epoch <= 60; epoch++) {
            rollback.save(weights, moments, null, 1, 1, epoch);
            weights.assign(epoch);
            moments.assign(-epoch);
            history.add(new EpochRecord(epoch, -1, epoch <= 34 ? 100 : 1.5, 0, 1, 1e-3, epoch));
            boolean undo = rollback.undo(history, 5);
            undone.add(undo);
            if (undo) {
                assertEquals(epoch, rollback.restore(weights, moments, null).steps(), "the counters saved with it");
            }
            if (epoch == 40) {
                assertTrue(rollback.acceptedSpikeNear(epoch), "6 epochs after the spike accepted at 34");
                INDArray kept = weights.dup();
                SpikeRollback.Counters c = rollback.restoreBeforeAcceptedSpike(kept, moments.dup(), null);
                assertEquals(30f, kept.getFloat(0), "the weights before epoch 31, the first try of the spike");
                assertEquals(34L, c.steps(), "the counters of the state epoch 34 started from");
            }
        }
        assertEquals(List.of(true, true, true, false, false), undone.subList(0, 5));
        assertEquals(34, rollback.acceptedAt());
        assertFalse(rollback.acceptedSpikeNear(60), "26 epochs after it: the run had time to recover");
        assertTrue(rollback.acceptedSpikeNear(53));
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
