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
 * undone, so that a lasting change of L_REG is accepted rather than retried for ever.
 */
final class SpikeRollback {
    /** An epoch's L_REG above this multiple of the window's median is a spike (the stability criterion). */
    static final double FACTOR = 10;
    /** The epochs before the current one whose median L_REG the current one is compared with. */
    static final int WINDOW = 20;
    /** Most epochs undone in a row. */
    static final int MAX_IN_A_ROW = 3;

    private INDArray values;
    private INDArray moments;
    private INDArray statistics;
    private double beta;
    private double betaP;
    private long steps;
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
        values = copy(values, weights);
        moments = copy(moments, adamMoments);
        statistics = batchNormStatistics == null ? null : copy(statistics, batchNormStatistics);
        this.beta = beta;
        this.betaP = betaP;
        this.steps = steps;
    }

    /**
     * Whether the epoch just recorded is to be undone: a spike, and fewer than {@value #MAX_IN_A_ROW} undone
     * right before it. If so, the caller restores with {@link #restore} and takes {@link #beta()},
     * {@link #betaP()} and {@link #steps()}.
     */
    boolean undo(List<EpochRecord> records, int recEpochs) {
        if (isSpike(records, recEpochs) && inARow < MAX_IN_A_ROW) {
            inARow++;
            return true;
        }
        inARow = 0;
        return false;
    }

    /** Puts the saved arrays back into the trainer's. */
    void restore(INDArray weights, INDArray adamMoments, INDArray batchNormStatistics) {
        weights.assign(values);
        adamMoments.assign(moments);
        if (batchNormStatistics != null) {
            batchNormStatistics.assign(statistics);
        }
    }

    double beta() {
        return beta;
    }

    double betaP() {
        return betaP;
    }

    long steps() {
        return steps;
    }

    private static INDArray copy(INDArray into, INDArray from) {
        if (into == null) {
            return from.dup();
        }
        into.assign(from);
        return into;
    }
}
