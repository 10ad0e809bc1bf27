package org.fieldvae.vae;

import org.fieldvae.nn.Mlp;
import org.fieldvae.nn.ParameterStore;

/**
 * The regularisation term L_REG of the latent posterior q(z|y) = N(mu, diag exp(logvar)) against the prior.
 *
 * <ul>
 * <li>Standard and scaled prior N(0, diag s^2), closed form per sample:
 *     KL = sum_j 0.5 (exp(lv_j)/s_j^2 + mu_j^2/s_j^2 - 1 - lv_j + log s_j^2).</li>
 * <li>Hierarchical prior (paper Eq. 13-14): per sample
 *     log q(z|y) + beta_p KL(q(xi|z) || N(0, I)) - log p(z|xi), with z = mu + exp(lv/2) eps and
 *     xi = m_q(z) + exp(c_q/2) eps', q(xi|z) = N(m_q(z), diag exp(c_q)), p(z|xi) = N(m_p(xi), diag exp(c_p));
 *     m_q is an MLP n -> 8n -> 8n -> n, m_p the {@link HpDecoder} chosen (the paper's network or the one
 *     the authors' code ran), c_q and c_p trainable constant vectors (start 0).
 *     beta_p = 1 unless the sub-latent schedule of Appendix B is on.</li>
 * </ul>
 * Scale (docs/paper-facts.md, "Losses"): per-pixel scale averages the closed-form KL over latent dimensions and batch; the
 * hierarchical terms are summed over latent dimensions and averaged over the batch in both scales.
 */
final class Regulariser {
    static final int WIDTH_FACTOR = 8;

    private final VaeSettings settings;
    private final ParameterStore store;
    private final Mlp priorEncoder;
    private final Mlp priorDecoder;
    private final ParameterStore.Entry encoderLogVar;
    private final ParameterStore.Entry decoderLogVar;

    /**
     * @param loss          the term as it enters the objective (before beta)
     * @param gradMu        d (weight loss) / d mu, [sample][latent]
     * @param gradLogVar    d (weight loss) / d logvar (the clipped one), [sample][latent]
     * @param gradZ         d (weight loss) / d z through the prior networks (hierarchical only, else zeros)
     * @param logPrior      log p(z|xi) summed over the latent dimensions, batch mean (hierarchical, else 0): what
     *                      drives beta_p, the authors' {@code torch.mean(glp)} (docs/paper-facts.md, Appendix B)
     */
    record Value(double loss, double[][] gradMu, double[][] gradLogVar, double[][] gradZ, double logPrior) {
    }

    private final LogVarianceBound bound;

    Regulariser(VaeSettings settings, ParameterStore store, LogVarianceBound bound) {
        this.settings = settings;
        this.bound = bound;
        this.store = store;
        if (settings.priorAndLoss().prior() == PriorKind.HIERARCHICAL) {
            int n = settings.architecture().latent();
            priorEncoder = new Mlp(store, "prior.encoder", new int[] {n, WIDTH_FACTOR * n, WIDTH_FACTOR * n, n}, false);
            encoderLogVar = store.declare("prior.encoder.logvar", new long[] {n}, ParameterStore.Start.ZEROS);
            priorDecoder = new Mlp(store, "prior.decoder", settings.priorAndLoss().hpDecoder().sizes(n),
                    settings.priorAndLoss().hpDecoder().reluOnOutput());
            decoderLogVar = store.declare("prior.decoder.logvar", new long[] {n}, ParameterStore.Start.ZEROS);
        } else {
            priorEncoder = null;
            priorDecoder = null;
            encoderLogVar = null;
            decoderLogVar = null;
        }
    }

    /**
     * @param mu     latent means [sample][latent], not modified
     * @param logVar clipped latent log-variances [sample][latent], not modified
     * @param z      the reparameterised sample mu + exp(logVar/2) eps, not modified
     * @param eps    the noise of z, not modified
     * @param eps2   the noise of xi (hierarchical), not modified
     * @param betaP  weight of the sub-latent KL (hierarchical)
     * @param weight the factor (beta) of this term in the objective: gradients are those of weight * loss
     * @param grads  whether to write the prior networks' gradients into the store
     */
    Value evaluate(double[][] mu, double[][] logVar, double[][] z, double[][] eps, double[][] eps2, double betaP,
            double weight, boolean grads) {
        int batch = mu.length;
        int n = settings.architecture().latent();
        double[][] gMu = new double[batch][n];
        double[][] gLv = new double[batch][n];
        double[][] gZ = new double[batch][n];
        if (priorEncoder == null) {
            double[] variances = settings.priorAndLoss().prior() == PriorKind.SCALED ? settings.priorAndLoss().priorVariances() : ones(n);
            double norm = settings.priorAndLoss().lossScale() == LossScale.PER_PIXEL ? batch * n : batch;
            double sum = 0;
            for (int s = 0; s < batch; s++) {
                for (int j = 0; j < n; j++) {
                    double v = variances[j];
                    double e = Math.exp(logVar[s][j]);
                    sum += 0.5 * (e / v + mu[s][j] * mu[s][j] / v - 1 - logVar[s][j] + Math.log(v));
                    gMu[s][j] = weight * mu[s][j] / v / norm;
                    gLv[s][j] = weight * 0.5 * (e / v - 1) / norm;
                }
            }
            return new Value(sum / norm, gMu, gLv, gZ, 0.0);
        }
        return hierarchical(logVar, z, eps, eps2, betaP, weight / batch, grads, gMu, gLv, gZ);
    }

    private Value hierarchical(double[][] logVar, double[][] z, double[][] eps, double[][] eps2, double betaP,
            double w, boolean grads, double[][] gMu, double[][] gLv, double[][] gZ) {
        int batch = z.length;
        int n = settings.architecture().latent();
        priorEncoder.load();
        priorDecoder.load();
        double[] cq = bound.apply(store.get(encoderLogVar));
        double[] cp = bound.apply(store.get(decoderLogVar));
        double[] gCq = new double[n];
        double[] gCp = new double[n];
        double[][] mq = priorEncoder.forward(z);
        double[][] xi = new double[batch][n];
        for (int s = 0; s < batch; s++) {
            for (int j = 0; j < n; j++) {
                xi[s][j] = mq[s][j] + Math.exp(cq[j] / 2) * eps2[s][j];
            }
        }
        double[][] mp = priorDecoder.forward(xi);
        double sum = 0;
        double negLogPrior = 0;
        double[][] gMp = new double[batch][n];
        for (int s = 0; s < batch; s++) {
            for (int j = 0; j < n; j++) {
                double logQ = -0.5 * (Objective.LOG_2PI + logVar[s][j] + eps[s][j] * eps[s][j]);
                double kl = 0.5 * (Math.exp(cq[j]) + mq[s][j] * mq[s][j] - 1 - cq[j]);
                double r = z[s][j] - mp[s][j];
                double nlp = 0.5 * (Objective.LOG_2PI + cp[j] + r * r * Math.exp(-cp[j]));
                sum += logQ + betaP * kl + nlp;
                negLogPrior += nlp;
                gLv[s][j] = -0.5 * w;
                gZ[s][j] = r * Math.exp(-cp[j]) * w;
                gMp[s][j] = -r * Math.exp(-cp[j]) * w;
                gCp[j] += 0.5 * (1 - r * r * Math.exp(-cp[j])) * w;
                gCq[j] += betaP * 0.5 * (Math.exp(cq[j]) - 1) * w;
            }
        }
        double[][] gXi = priorDecoder.backward(gMp);
        double[][] gMq = new double[batch][n];
        for (int s = 0; s < batch; s++) {
            for (int j = 0; j < n; j++) {
                gMq[s][j] = gXi[s][j] + betaP * mq[s][j] * w;
                gCq[j] += gXi[s][j] * eps2[s][j] * 0.5 * Math.exp(cq[j] / 2);
            }
        }
        double[][] gZq = priorEncoder.backward(gMq);
        for (int s = 0; s < batch; s++) {
            for (int j = 0; j < n; j++) {
                gZ[s][j] += gZq[s][j];
            }
        }
        if (grads) {
            priorEncoder.storeGradients();
            priorDecoder.storeGradients();
            store.setGradient(encoderLogVar, gCq);
            store.setGradient(decoderLogVar, gCp);
        }
        return new Value(sum / batch, gMu, gLv, gZ, -negLogPrior / batch);
    }

    /**
     * Samples of the prior p(z): for the hierarchical prior z = m_p(xi) + exp(c_p / 2) eps with xi ~ N(0, I),
     * i.e. samples of p(z) = integral p(z|xi) N(xi; 0, I) dxi (paper Fig. 17); for the others z = sqrt(v) eps.
     *
     * @param xi  standard normal sub-latents [sample][latent], not modified (unused by the closed-form priors)
     * @param eps standard normal noise [sample][latent], not modified
     */
    double[][] samplePrior(double[][] xi, double[][] eps) {
        int n = settings.architecture().latent();
        double[][] z = new double[eps.length][n];
        if (priorDecoder == null) {
            double[] variances = settings.priorAndLoss().prior() == PriorKind.SCALED ? settings.priorAndLoss().priorVariances() : ones(n);
            for (int s = 0; s < z.length; s++) {
                for (int j = 0; j < n; j++) {
                    z[s][j] = Math.sqrt(variances[j]) * eps[s][j];
                }
            }
            return z;
        }
        priorDecoder.load();
        double[] cp = bound.apply(store.get(decoderLogVar));
        double[][] mp = priorDecoder.forward(xi);
        for (int s = 0; s < z.length; s++) {
            for (int j = 0; j < n; j++) {
                z[s][j] = mp[s][j] + Math.exp(cp[j] / 2) * eps[s][j];
            }
        }
        return z;
    }

    private static double[] ones(int n) {
        double[] o = new double[n];
        java.util.Arrays.fill(o, 1.0);
        return o;
    }
}
