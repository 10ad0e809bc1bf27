package org.fieldvae.knime.support.vae;

import java.util.List;

import org.fieldvae.knime.support.model.TrainingHistory;
import org.fieldvae.vae.EpochRecord;

/**
 * The VAE Learner's training-history table: one row per epoch with the columns of the engine's history CSV
 * ({@code epoch, L_REC, L_REG, L_LABEL, beta, lr, elapsed_s}; {@link org.fieldvae.vae.TrainingHistory#toCsv()}), and
 * the same curves as the model port's {@link TrainingHistory} for its view.
 */
public final class HistoryTable {

    /** The integer column: the 1-based epoch. */
    public static final String EPOCH = "epoch";

    /** The double columns, in order: losses, weights and wall time in seconds. */
    public static final List<String> VALUES = List.of("L_REC", "L_REG", "L_LABEL", "beta", "lr", "elapsed_s");

    /** The curves the model port's view draws: all values but the wall time. */
    static final List<String> CURVES = VALUES.subList(0, VALUES.size() - 1);

    private HistoryTable() {
    }

    /**
     * @param r one epoch's record
     * @return its values in the order of {@link #VALUES}
     */
    public static double[] values(final EpochRecord r) {
        return new double[]{r.lossRec(), r.lossReg(), r.lossLabel(), r.beta(), r.learningRate(), r.elapsedSeconds()};
    }

    /**
     * @param history the engine's history
     * @return the curves {@link #CURVES} per epoch, for the model port
     */
    public static TrainingHistory curves(final org.fieldvae.vae.TrainingHistory history) {
        final List<EpochRecord> epochs = history.epochs();
        final double[][] series = new double[CURVES.size()][epochs.size()];
        for (int e = 0; e < epochs.size(); e++) {
            final double[] v = values(epochs.get(e));
            for (int k = 0; k < series.length; k++) {
                series[k][e] = v[k];
            }
        }
        return new TrainingHistory(CURVES, series);
    }
}
