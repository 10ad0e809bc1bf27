package org.fieldvae.vae;

/**
 * The losses of one epoch, each the mean over its minibatches in the model's {@link LossScale}.
 *
 * @param epoch          epoch number, 1-based
 * @param lossRec        L_REC
 * @param lossReg        L_REG (computed and recorded also in the reconstruction-only phase, where it has weight 0)
 * @param lossLabel      the semi-supervised term -log q(z = theta | y) (0 without labels)
 * @param beta           the weight of L_REG at the end of the epoch (beta0 during the reconstruction-only phase)
 * @param learningRate   Adam's learning rate in this epoch
 * @param elapsedSeconds wall time since the start of training, summed over resumed runs
 */
public record EpochRecord(int epoch, double lossRec, double lossReg, double lossLabel, double beta,
        double learningRate, double elapsedSeconds) {
}
