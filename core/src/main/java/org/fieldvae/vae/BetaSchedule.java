package org.fieldvae.vae;

/**
 * Schedules of the weight beta of L_REG.
 *
 * <p>Klushyn et al.: after every minibatch beta <- min(1, beta exp(nu f(beta, d, tau) d)) with
 * f = (1 - H(d)) tanh(tau (beta - 1)) - H(d), H the Heaviside step (H(0) = 0), d the minibatch's mean
 * reconstruction loss in the per-pixel scale (docs/paper-facts.md, "Training schedule": no target subtracted; the cap at 1 is the
 * authors' training loop):
 * <pre>
 * A. Klushyn, N. Chen, R. Kurle, B. Cseke, P. van der Smagt, Learning hierarchical priors in VAEs,
 * NeurIPS 2019.
 * </pre>
 * Cyclical annealing: over the post-reconstruction iterations T split into M cycles, with t the position
 * within the current cycle as a fraction of it, beta = beta_max min(1, t / R):
 * <pre>
 * H. Fu, C. Li, X. Liu, J. Gao, A. Celikyilmaz, L. Carin, Cyclical annealing schedule: a simple approach
 * to mitigating KL vanishing, NAACL 2019.
 * </pre>
 */
final class BetaSchedule {
    private BetaSchedule() {
    }

    /** One Klushyn update of beta given the minibatch's per-pixel reconstruction loss d, capped at 1. */
    static double klushyn(double beta, double d, double nu, double tau) {
        return Math.min(1.0, step(beta, d, nu, tau));
    }

    /**
     * The update itself, b exp(nu f(b, d, tau) d) with f = (1 - H(d)) tanh(tau (b - 1)) - H(d): uncapped, as the
     * authors' code drives beta_p with it (d the batch mean of log p(z|xi) summed over the latent dimensions).
     */
    static double step(double b, double d, double nu, double tau) {
        double h = d > 0 ? 1.0 : 0.0;
        double f = (1 - h) * Math.tanh(tau * (b - 1)) - h;
        return b * Math.exp(nu * f * d);
    }

    /**
     * @param iteration minibatch index counted from the end of the reconstruction-only phase (0-based)
     * @param total     minibatches after the reconstruction-only phase
     */
    static double cyclical(long iteration, long total, int cycles, double ratio, double maxBeta) {
        double period = Math.max(1.0, (double) total / cycles);
        double t = (iteration % (long) Math.ceil(period)) / period;
        return maxBeta * Math.min(1.0, t / ratio);
    }

    /** The piecewise-constant learning rate: values[i] for epochs before boundaries[i], the last one after. */
    static double learningRate(int epoch, int[] boundaries, double[] values) {
        int i = 0;
        while (i < boundaries.length && epoch >= boundaries[i]) {
            i++;
        }
        return values[i];
    }
}
