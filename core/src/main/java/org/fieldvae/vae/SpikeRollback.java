package org.fieldvae.vae;

import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Undoes an epoch whose regularisation loss spiked: the trainer saves its state (weights, Adam's moments, the
 * batch-norm running statistics, beta, beta_p and the step count) before every epoch, and puts it back when the
 * epoch's mean L_REG exceeds {@value #FACTOR} times the median of the {@value #WINDOW} epochs before it, all past
 * the reconstruction-only phase (docs/learner.md "Spikes"). Training then goes on with the next epoch's shuffle
 * and noise; the spiked epoch stays in the history, so a user sees it.
 *
 * <p>Why: a finite spike is not caught by {@link DivergenceGuard}, yet one epoch of it can ruin the model that
 * is kept. The paper schedule at 17 x 17 spiked in its 6,497th of 6,500 epochs (L_REG 7.03 to 3,199, beta fell
 * from 1 to 3e-13): the run's training loss recovered within three epochs, but the batch-norm running statistics
 * did not, and the kept model's held-out 1 - R^2 was 13.9. At most {@value #MAX_IN_A_ROW} epochs in a row are
 * undone, so that a lasting change of L_REG is accepted rather than retried for ever. A spike accepted in the last
 * {@value #LATE} epochs of a run leaves it no time to recover (the same run, rerun with this rollback, spiked in four
 * retries of epoch 4,140 in a row: its state, not one batch, was unstable), so a run that ends that soon after one keeps
 * the state from before it ({@link #acceptedSpikeNear}).
 */
final class SpikeRollback {
    /** An epoch's L_REG above this multiple of the window's median is a spike (the stability criterion). */
    static final double FACTOR = 10;
    /** The epochs before the current one whose median L_REG the current one is compared with. */
    static final int WINDOW = 20;
    /** Most epochs undone in a row. */
    static final int MAX_IN_A_ROW = 3;
    /** A run that ends within this many epochs of an accepted spike keeps the state from before the spike. */
    static final int LATE = WINDOW;

    /** beta, beta_p and the step count of a restored state, for the trainer to take over. */
    record Counters(double beta, double betaP, long steps) {
    }

    private final Snapshot epochStart = new Snapshot();
    private final Snapshot beforeAcceptedSpike = new Snapshot();
    private int acceptedAt = -1;
    private int inARow;

    /**
     * Whether the last record is a spike against the {@value #WINDOW} records before it, all after the first
     * {@code recEpochs} epochs (1-based epoch numbers in the records).
     */
    static boolean isSpike(List<EpochRecord> records, int recEpochs) {
        int last = records.size() - 1;
        if (last < WINDOW || records.get(last - WINDOW).epoch() <= recEpochs) {
            return false;
        }
        double[] window = new double[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            window[i] = records.get(last - WINDOW + i).lossReg();
        }
        Arrays.sort(window);
        double median = 0.5 * (window[WINDOW / 2 - 1] + window[WINDOW / 2]);
        return records.get(last).lossReg() > FACTOR * Math.abs(median);
    }

    /** Saves the state at the start of an epoch (copies; the arrays stay the trainer's). */
    void save(INDArray weights, INDArray adamMoments, INDArray batchNormStatistics, double beta, double betaP,
            long steps) {
        epochStart.take(weights, adamMoments, batchNormStatistics, new Counters(beta, betaP, steps));
    }

    /**
     * Whether the epoch just recorded is to be undone: a spike, and fewer than {@value #MAX_IN_A_ROW} undone
     * right before it. If so, the caller restores with {@link #restore}. A spike that is not undone is accepted, and
     * the state from before it is kept for {@link #restoreBeforeAcceptedSpike}.
     */
    boolean undo(List<EpochRecord> records, int recEpochs) {
        if (!isSpike(records, recEpochs)) {
            inARow = 0;
            return false;
        }
        if (inARow < MAX_IN_A_ROW) {
            inARow++;
            return true;
        }
        inARow = 0;
        acceptedAt = records.get(records.size() - 1).epoch();
        beforeAcceptedSpike.take(epochStart.values, epochStart.moments, epochStart.statistics, epochStart.counters);
        return false;
    }

    /** Puts the state saved at the start of the epoch back into the trainer's arrays. */
    Counters restore(INDArray weights, INDArray adamMoments, INDArray batchNormStatistics) {
        return epochStart.restore(weights, adamMoments, batchNormStatistics);
    }

    /** Whether a spike was accepted within the last {@value #LATE} epochs of a run of {@code epochs} epochs. */
    boolean acceptedSpikeNear(int epochs) {
        return acceptedAt > 0 && acceptedAt > epochs - LATE;
    }

    /** The epoch (1-based) of the last accepted spike, or -1. */
    int acceptedAt() {
        return acceptedAt;
    }

    /** Puts the state from before the last accepted spike back into the trainer's arrays. */
    Counters restoreBeforeAcceptedSpike(INDArray weights, INDArray adamMoments, INDArray batchNormStatistics) {
        return beforeAcceptedSpike.restore(weights, adamMoments, batchNormStatistics);
    }

    /** A copy of the trainer's state: its arrays are reused from one save to the next. */
    private static final class Snapshot {
        private INDArray values;
        private INDArray moments;
        private INDArray statistics;
        private Counters counters;

        void take(INDArray weights, INDArray adamMoments, INDArray batchNormStatistics, Counters now) {
            values = copy(values, weights);
            moments = copy(moments, adamMoments);
            statistics = batchNormStatistics == null ? null : copy(statistics, batchNormStatistics);
            counters = now;
        }

        Counters restore(INDArray weights, INDArray adamMoments, INDArray batchNormStatistics) {
            weights.assign(values);
            adamMoments.assign(moments);
            if (batchNormStatistics != null) {
                batchNormStatistics.assign(statistics);
            }
            return counters;
        }
    }

    private static INDArray copy(INDArray into, INDArray from) {
        if (into == null) {
            return from.dup();
        }
        into.assign(from);
        return into;
    }
}
