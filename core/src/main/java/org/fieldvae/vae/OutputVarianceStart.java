package org.fieldvae.vae;

/**
 * Where the trainable output log-variance s (one value per pixel, shared by the channels, docs/paper-facts.md,
 * "Network") starts.
 *
 * <p>Why it matters: L_REC = sum_p 0.5 (log 2 pi + s_p + (y_p - mu_p)^2 exp(-s_p)) is minimised over s_p by
 * s_p = log E[(y_p - mu_p)^2], the log of the residual variance. Adam moves each s_p by about the learning
 * rate per step, so from s_p = 0 a run needs |log residual variance| / lr steps (thousands at lr 3e-3 for
 * fields whose variance is far from 1) before L_REC can approach its optimum: fine over the paper's
 * 6500 epochs, but a short run ends with a poor likelihood and a reconstruction term that barely weighs
 * the latent code. With the paper's scale it also stalls the Klushyn scheduler, which raises beta only
 * while the per-pixel L_REC is negative.
 *
 * <p>Two remedies, both settings of {@link VaeSettings}: this start, and
 * {@link VaeSettings#outputVarianceRate()}, a larger learning rate for s alone. The rate is the robust one:
 * s then tracks its optimum whatever the decoder does. The data-variance start helps only once the decoder
 * outputs about the data's mean; while the freshly initialised decoder is far from it, a small s makes
 * L_REC (and its gradients) huge: on a tiny net and fields of variance 1e-2, L_REC was 369 after 80 steps
 * from the data's variance, against 2.7 from 0. Hence the default stays the paper's {@link #ZERO}.
 */
public enum OutputVarianceStart {
    /** s_p = 0 (unit variance): the paper and the authors' code. */
    ZERO,
    /**
     * s_p = log((1/C) sum_c Var_samples(y[c][p])), the log of the training data's variance at pixel p averaged
     * over the C channels (clipped to the log-variance bound): the optimum of L_REC for a decoder that outputs
     * the data mean, which is where a decoder gets to within its first epochs. Computed by the trainer from
     * the training set; the decoder still starts as in the paper.
     */
    DATA_VARIANCE
}
