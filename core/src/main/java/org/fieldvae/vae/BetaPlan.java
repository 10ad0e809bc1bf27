package org.fieldvae.vae;

import java.util.Objects;

import org.fieldvae.Check;

/**
 * How beta, the weight of L_REG, moves after the reconstruction-only phase (docs/paper-facts.md, "Training
 * schedule"): Klushyn et al.'s scheduler (the paper's), a fixed beta (beta-VAE) or Fu et al.'s cyclical
 * annealing. One of the groups of {@link VaeSettings}; {@link BetaSchedule} runs it.
 *
 * @param betaSchedule which schedule
 * @param beta0        beta during the reconstruction-only phase and the Klushyn scheduler's start (1e-9), > 0
 * @param nu           Klushyn step size nu (0.005), > 0
 * @param tau          Klushyn tau (1), > 0
 * @param fixedBeta    beta of {@link BetaScheduleKind#FIXED}, and the maximum of {@link BetaScheduleKind#CYCLICAL}, >= 0
 * @param cycles       cycles of {@link BetaScheduleKind#CYCLICAL} over the post-reconstruction epochs, >= 1
 * @param cycleRatio   fraction of each cycle during which beta rises (Fu et al.: 0.5), in [1e-6, 1]
 */
public record BetaPlan(BetaScheduleKind betaSchedule, double beta0, double nu, double tau, double fixedBeta,
        int cycles, double cycleRatio) {

    public BetaPlan {
        Objects.requireNonNull(betaSchedule, "betaSchedule");
        Check.positive("beta0", beta0);
        Check.positive("nu", nu);
        Check.positive("tau", tau);
        Check.nonNegative("fixedBeta", fixedBeta);
        Check.atLeast("cycles", cycles, 1);
        Check.inRange("cycleRatio", cycleRatio, 1e-6, 1.0);
    }

    /** The paper's: Klushyn's scheduler with beta0 = 1e-9, nu = 0.005, tau = 1 (fixed 1, 4 cycles of ratio 0.5 unused). */
    public static BetaPlan defaults() {
        return new BetaPlan(BetaScheduleKind.KLUSHYN, 1e-9, 0.005, 1.0, 1.0, 4, 0.5);
    }

    /** The Klushyn scheduler with the given start, nu and tau. */
    public BetaPlan withKlushyn(double start, double stepSize, double target) {
        return new BetaPlan(BetaScheduleKind.KLUSHYN, start, stepSize, target, fixedBeta, cycles, cycleRatio);
    }

    /** The beta-VAE: beta fixed after the reconstruction-only phase. */
    public BetaPlan withFixed(double beta) {
        return new BetaPlan(BetaScheduleKind.FIXED, beta0, nu, tau, beta, cycles, cycleRatio);
    }

    /** Cyclical annealing to maxBeta over the given number of cycles with the given rising ratio. */
    public BetaPlan withCyclical(double maxBeta, int cycleCount, double ratio) {
        return new BetaPlan(BetaScheduleKind.CYCLICAL, beta0, nu, tau, maxBeta, cycleCount, ratio);
    }
}
