package org.fieldvae.vae;

import java.util.Locale;

import org.fieldvae.FieldVaeException;

/**
 * Training stopped because it diverged (see {@link DivergenceGuard}): the loss became non-finite or
 * exploded, or a weight became non-finite. Nothing of the diverged state was saved; the last checkpoint
 * on disk, if any, is one whose weights are all finite. The command line exits with its own code for it
 * (docs/cli-contract.md).
 *
 * @see DivergenceGuard
 */
public final class TrainingDivergedException extends FieldVaeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final double learningRate;
    private final String symptom;

    TrainingDivergedException(int epoch, double learningRate, String symptom) {
        super(String.format(Locale.ROOT, "training diverged in epoch %d at learning rate %s: %s", epoch,
                learningRate, symptom));
        this.epoch = epoch;
        this.learningRate = learningRate;
        this.symptom = symptom;
    }

    /** The epoch (1-based) in which training diverged. */
    public int epoch() {
        return epoch;
    }

    /** The learning rate of that epoch. */
    public double learningRate() {
        return learningRate;
    }

    /** What was seen, e.g. "the loss is NaN (L_REC = NaN, L_REG = 3.2e55)". */
    public String symptom() {
        return symptom;
    }
}
