package org.fieldvae.vae;

import java.util.Objects;

import org.fieldvae.InvalidInputException;

/**
 * How well a trained model fits a dataset it may never have seen: the negative ELBO in nats per field, and
 * the fraction of the data's variance that the reconstruction decode(mean of q(z|y)) leaves unexplained.
 *
 * <p>The negative ELBO is L_REC + L_REG at beta = 1 (docs/equations.md, Eq. 7) in the true scale, whatever
 * scale the model trained in: a model of the authors' per-pixel scale ({@link LossScale#PER_PIXEL}) reports
 * L_REC averaged over pixels and the standard or scaled KL averaged over latent dimensions, so both are
 * multiplied back (the hierarchical terms are already sums). L_REC is a Monte Carlo estimate over
 * {@link ProbeSettings#latentSamples()} draws of z per field, batch norm in inference mode.
 *
 * <p>The unexplained variance of channel c is
 * <pre>
 * U_c = sum_{s, i, j} (yhat_scij - y_scij)^2 / sum_{s, i, j} (y_scij - ybar_cij)^2,   ybar_cij = mean_s y_scij,
 * </pre>
 * 1 - R^2 against the dataset's mean field: 0 for a perfect reconstruction, 1 for one no better than the mean
 * field. {@code total} pools the sums over the channels. Beside it, the error relative to the data's total
 * variance around the channel's mean over samples and nodes, sum (yhat - y)^2 / sum (y - ybar_c)^2: a much
 * weaker measure for these fields, whose mean field holds most of their variance (for the KLE2 Darcy data
 * at 33 x 33 the samples vary around the mean field by 2-6% of the total variance, so the mean field alone
 * scores below 0.1 on it).
 *
 * @param negativeElbo        -ELBO in nats per field
 * @param losses              L_REC and L_REG in the model's own loss scale, beta = 1
 * @param unexplainedVariance U_c per channel [channel]
 * @param unexplainedTotal    the pooled U over all channels
 * @param errorOverTotalVariance the pooled squared error over the pooled variance around the channel means
 */
public record HeldOutFit(double negativeElbo, ProbeLosses losses, double[] unexplainedVariance,
        double unexplainedTotal, double errorOverTotalVariance) {

    public HeldOutFit {
        Objects.requireNonNull(losses, "losses");
        unexplainedVariance = unexplainedVariance.clone();
    }

    @Override
    public double[] unexplainedVariance() {
        return unexplainedVariance.clone();
    }

    /** The fit of the model to the fields [sample][channel][i][j]; the settings' beta is ignored (beta = 1). */
    public static HeldOutFit of(TrainedModel model, float[][][][] fields, ProbeSettings settings) {
        ProbeLosses losses = LossLandscape.evaluate(model, fields, settings.withBeta(1.0));
        float[][][][] reconstruction = model.decode(model.encode(fields).mean());
        double[][] sums = squaredSums(fields, reconstruction);
        double[] perChannel = new double[sums.length];
        double residual = 0;
        double spread = 0;
        double total = 0;
        for (int c = 0; c < sums.length; c++) {
            perChannel[c] = sums[c][0] / sums[c][1];
            residual += sums[c][0];
            spread += sums[c][1];
            total += sums[c][2];
        }
        return new HeldOutFit(negativeElbo(model.settings(), losses), losses, perChannel, residual / spread,
                residual / total);
    }

    /** L_REC + L_REG of the model's loss scale, converted to nats per field (class javadoc). */
    static double negativeElbo(VaeSettings s, ProbeLosses losses) {
        if (s.priorAndLoss().lossScale() == LossScale.ELBO) {
            return losses.rec() + losses.reg();
        }
        int pixels = s.architecture().grid() * s.architecture().grid();
        int regTerms = s.priorAndLoss().prior() == PriorKind.HIERARCHICAL ? 1 : s.architecture().latent();
        return losses.rec() * pixels + losses.reg() * regTerms;
    }

    /**
     * Per channel: {sum of squared reconstruction errors, sum of squared deviations from the mean field, sum of
     * squared deviations from the channel's mean over samples and nodes}.
     *
     * @throws InvalidInputException if the data are constant over the samples in some channel (U undefined)
     */
    static double[][] squaredSums(float[][][][] data, float[][][][] reconstruction) {
        int channels = data[0].length;
        int n = data[0][0].length;
        double[][] sums = new double[channels][3];
        for (int c = 0; c < channels; c++) {
            double channelMean = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double mean = 0;
                    for (float[][][] sample : data) {
                        mean += sample[c][i][j];
                    }
                    mean /= data.length;
                    channelMean += mean / (n * n);
                    for (int s = 0; s < data.length; s++) {
                        double error = reconstruction[s][c][i][j] - data[s][c][i][j];
                        double deviation = data[s][c][i][j] - mean;
                        sums[c][0] += error * error;
                        sums[c][1] += deviation * deviation;
                    }
                }
            }
            for (float[][][] sample : data) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double deviation = sample[c][i][j] - channelMean;
                        sums[c][2] += deviation * deviation;
                    }
                }
            }
            if (!(sums[c][1] > 0)) {
                throw new InvalidInputException("channel " + (c + 1) + " is the same in every sample: its variance is 0,"
                        + " so the unexplained variance is undefined");
            }
        }
        return sums;
    }
}
