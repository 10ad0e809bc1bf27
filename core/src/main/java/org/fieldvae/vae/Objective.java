package org.fieldvae.vae;

/**
 * The training objective of one minibatch and its gradients with respect to the network's outputs, in plain
 * Java: the one place where the paper's losses are written (docs/equations.md).
 *
 * <pre>
 * L = L_REC + beta L_REG + L_LABEL                                                       (Eq. 7, 29)
 * L_REC   = (1/N) sum_{s,c,p} 1/2 (log 2 pi + s_p + (y_scp - mu_scp)^2 exp(-s_p))            (Eq. 20-21)
 * L_REG   = the prior's term, {@link Regulariser}                                    (Eq. 4, 13-14)
 * L_LABEL = (1/|L|) sum_{s in L} sum_j 1/2 (log 2 pi + lv_sj + (theta_sj - mu_sj)^2 exp(-lv_sj)) (Eq. 29)
 * z_sj    = mu_sj + exp(lv_sj / 2) eps_sj   (the reparameterisation trick, Section 2)
 * </pre>
 * N is the batch times the pixels in the authors' per-pixel scale and the batch in the ELBO scale
 * ({@link LossScale}); L is the set of labelled samples of the minibatch. The log-variances s_p and lv_sj
 * are the network's raw outputs passed through {@link LogVarianceBound}.
 * <pre>
 * C. Jacobsen, K. Duraisamy, "Disentangling Generative Factors of Physical Fields Using Variational
 * Autoencoders", Eq. 4, 7, 20-21, 29.
 * </pre>
 */
final class Objective {
    static final double LOG_2PI = Math.log(2 * Math.PI);

    private Objective() {
    }

    /**
     * L_REC of a minibatch and its gradients.
     *
     * @param loss             L_REC in the chosen scale
     * @param perPixel         L_REC per pixel and sample, whatever the scale (the Klushyn scheduler's d)
     * @param gradDecoded      dL_REC / d mu_y, same layout as the fields
     * @param gradOutputLogVar dL_REC / d s, also the gradient of the raw s ({@link LogVarianceBound}), [i * n + j]
     */
    record Reconstruction(double loss, double perPixel, double[] gradDecoded, double[] gradOutputLogVar) {
    }

    /**
     * L_LABEL of a minibatch and its gradients.
     *
     * @param gradMu     dL_LABEL / d mu [sample][latent]
     * @param gradLogVar dL_LABEL / d lv [sample][latent]
     */
    record Label(double loss, double[][] gradMu, double[][] gradLogVar) {
    }

    /**
     * L_REC (Eq. 20-21) with its gradients.
     *
     * @param fields  the minibatch [sample][channel][i][j] flattened, not modified
     * @param decoded the decoder's means, same layout, not modified
     * @param batch   the samples in the minibatch
     * @param rawS    the output log-variance before the bound, [i * n + j], not modified
     */
    static Reconstruction reconstruction(float[] fields, double[] decoded, int batch, double[] rawS,
            LogVarianceBound bound, LossScale scale) {
        int pixels = rawS.length;
        int channels = decoded.length / (batch * pixels);
        double[] sp = bound.apply(rawS);
        double norm = scale == LossScale.PER_PIXEL ? (double) batch * pixels : batch;
        double[] precision = new double[pixels];
        double constant = 0;
        for (int p = 0; p < pixels; p++) {
            precision[p] = Math.exp(-sp[p]);
            constant += 0.5 * (LOG_2PI + sp[p]);
        }
        double recSum = constant * (batch * channels);
        double[] gOut = new double[decoded.length];
        double[] gS = new double[pixels];
        for (int k = 0; k < decoded.length; k++) {
            int p = k % pixels;
            double r = fields[k] - decoded[k];
            double rr = r * r * precision[p];
            recSum += 0.5 * rr;
            gOut[k] = -r * precision[p] / norm;
            gS[p] += 0.5 * (1 - rr) / norm;
        }
        return new Reconstruction(recSum / norm, recSum / ((double) batch * pixels), gOut, gS);
    }

    /**
     * The sum over samples, channels and pixels of Eq. 21's terms, without gradients (the probes).
     *
     * @param sp the bounded output log-variance [i * n + j]
     */
    static double reconstructionSum(float[] fields, double[] decoded, double[] sp) {
        int pixels = sp.length;
        double sum = 0;
        for (int idx = 0; idx < decoded.length; idx++) {
            int p = idx % pixels;
            double d = fields[idx] - decoded[idx];
            sum += 0.5 * (LOG_2PI + sp[p] + d * d * Math.exp(-sp[p]));
        }
        return sum;
    }

    /** z = mu + exp(lv / 2) eps (the reparameterisation trick); arrays [sample][latent], not modified. */
    static double[][] reparameterise(double[][] mu, double[][] lv, double[][] eps) {
        double[][] z = new double[mu.length][mu[0].length];
        for (int s = 0; s < mu.length; s++) {
            for (int j = 0; j < mu[s].length; j++) {
                z[s][j] = mu[s][j] + Math.exp(lv[s][j] / 2) * eps[s][j];
            }
        }
        return z;
    }

    /**
     * Eq. 29, the mean over the labelled samples of -log q(z = theta | y); zero when none is labelled.
     *
     * @param theta    labels [sample][latent] (rows of unlabelled samples are not read), or null
     * @param labelled which samples carry a label, or null for none
     */
    static Label label(double[][] mu, double[][] lv, double[][] theta, boolean[] labelled) {
        int batch = mu.length;
        int latent = mu[0].length;
        double loss = 0;
        double[][] gMu = new double[batch][latent];
        double[][] gLv = new double[batch][latent];
        int count = 0;
        if (labelled != null) {
            for (boolean l : labelled) {
                count += l ? 1 : 0;
            }
        }
        for (int s = 0; s < batch && count > 0; s++) {
            if (!labelled[s]) {
                continue;
            }
            for (int j = 0; j < latent; j++) {
                double r = theta[s][j] - mu[s][j];
                double inv = Math.exp(-lv[s][j]);
                loss += 0.5 * (LOG_2PI + lv[s][j] + r * r * inv) / count;
                gMu[s][j] = -r * inv / count;
                gLv[s][j] = 0.5 * (1 - r * r * inv) / count;
            }
        }
        return new Label(loss, gMu, gLv);
    }

    /**
     * The gradients of the whole objective with respect to the encoders' outputs, by the chain rule through
     * the reparameterisation: dL/dmu = g_z + dR/dmu + dL_LABEL/dmu and
     * dL/dlv = g_z eps exp(lv/2) / 2 + dR/dlv + dL_LABEL/dlv,
     * with g_z = dL_REC/dz + dR/dz; the bound passes gradients through ({@link LogVarianceBound}).
     *
     * @param gradZDecoder dL_REC / dz from the decoder's backward pass [sample][latent], not modified
     * @param reg          the regulariser's value, its gradients already weighted by beta
     * @return {dL/dmu, dL/dlv}, each [sample][latent]
     */
    static double[][][] encoderGradients(double[][] gradZDecoder, Regulariser.Value reg, Label label,
            double[][] eps, double[][] lv) {
        int batch = eps.length;
        int latent = eps[0].length;
        double[][] gMu = new double[batch][latent];
        double[][] gLv = new double[batch][latent];
        for (int s = 0; s < batch; s++) {
            for (int j = 0; j < latent; j++) {
                double gz = gradZDecoder[s][j] + reg.gradZ()[s][j];
                gMu[s][j] = gz + reg.gradMu()[s][j] + label.gradMu()[s][j];
                gLv[s][j] = gz * eps[s][j] * 0.5 * Math.exp(lv[s][j] / 2) + reg.gradLogVar()[s][j]
                        + label.gradLogVar()[s][j];
            }
        }
        return new double[][][] {gMu, gLv};
    }
}
