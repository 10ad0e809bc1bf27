package org.fieldvae.score;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.fieldvae.Progress;

/**
 * S_KL of the paper's Eq. 6, {@code min over a, b of D_KL[p(theta) || q(a o (z - b))]}, by Nelder-Mead
 * on the k-NN estimate of {@link KnnDivergence}.
 *
 * <p>The search runs in standardised latents {@code zt = (z - mean_z) / sd_z} with
 * {@code y = alpha o (zt - beta)}, i.e. {@code a = alpha / sd_z} and {@code b = mean_z + sd_z o beta}, so
 * that the search (and its initial simplex) does not depend on the units of z: scaling or shifting z
 * leaves S_KL unchanged up to rounding. Start 0 matches the first two moments
 * ({@code alpha = sd_theta}, {@code beta = -mean_theta / alpha}); the other starts multiply alpha by
 * {@code exp(U(-1/2, 1/2))} and move beta by {@code N(0, 1/4)}. Optionally every start is repeated for each
 * axis permutation and sign flip of the latents. A zero scale is not a shape match (it collapses q onto a
 * hyperplane), so the objective is +infinity there. The best value any evaluation saw is kept, so a
 * start that runs out of evaluations still contributes.
 */
final class KlShapeSearch {
    /** Initial simplex edge in standardised units: a quarter of a standard deviation. */
    private static final double SIMPLEX_STEP = 0.25;
    private static final double START_LOG_SCALE_SPREAD = 0.5;
    private static final double START_SHIFT_SD = 0.5;

    /** The optimum: y_i = a_i (z_{permutation_i} - b_i). */
    record Result(double value, double[] a, double[] b, int[] permutation, int evaluations, int exhaustedStarts) {
    }

    private record Task(int[] permutation, double[] signs, double[] alpha, double[] beta) {
    }

    private record Outcome(double value, double[] params, int evaluations, boolean exhausted) {
    }

    private KlShapeSearch() {
    }

    /**
     * @param x samples of p(theta), {@code [sample][parameter]}, not modified
     * @param z latent samples, {@code [sample][latent]}, same width as x, not modified
     */
    static Result minimise(ScoreSettings s, double[][] x, double[][] z, boolean permute, Progress progress) {
        int d = x[0].length;
        double[] meanZ = Moments.mean(z);
        double[] sdZ = Moments.sd(z, meanZ);
        double[] meanX = Moments.mean(x);
        double[] sdX = Moments.sd(x, meanX);
        KnnDivergence divergence = new KnnDivergence(x, s.k(), s.estimator() == ScoreSettings.Estimator.ADAPTIVE);

        List<int[]> permutations = permute ? Permutations.all(d) : List.of(Permutations.identity(d));
        List<double[]> signs = permute ? Permutations.signs(d) : List.of(Permutations.ones(d));
        List<KdTree> trees = new ArrayList<>();
        for (int[] perm : permutations) {
            trees.add(new KdTree(standardised(z, meanZ, sdZ, perm)));
        }
        List<Task> tasks = new ArrayList<>();
        double[][] perturbations = perturbations(s, d);
        for (int[] perm : permutations) {
            for (double[] sign : signs) {
                for (double[] perturbation : perturbations) {
                    tasks.add(startingPoint(perm, sign, meanX, sdX, perturbation));
                }
            }
        }
        int[] done = {0};
        Outcome[] outcomes = IntStream.range(0, tasks.size()).parallel().mapToObj(t -> {
            Task task = tasks.get(t);
            Outcome o = optimise(s, divergence, trees.get(permutations.indexOf(task.permutation)), task, progress);
            synchronized (done) {
                done[0]++;
                progress.report((double) done[0] / tasks.size(), "S_KL start " + done[0] + "/" + tasks.size());
            }
            return o;
        }).toArray(Outcome[]::new);

        int bestTask = 0;
        int evaluations = 0;
        int exhausted = 0;
        for (int t = 0; t < outcomes.length; t++) {
            evaluations += outcomes[t].evaluations;
            exhausted += outcomes[t].exhausted ? 1 : 0;
            if (outcomes[t].value < outcomes[bestTask].value) {
                bestTask = t;
            }
        }
        int[] perm = tasks.get(bestTask).permutation;
        double[] params = outcomes[bestTask].params;
        double[] a = new double[d];
        double[] b = new double[d];
        for (int i = 0; i < d; i++) {
            a[i] = params[i] / sdZ[perm[i]];
            b[i] = meanZ[perm[i]] + sdZ[perm[i]] * params[d + i];
        }
        return new Result(outcomes[bestTask].value, a, b, perm.clone(), evaluations, exhausted);
    }

    /**
     * Per start, d log-scale offsets then d shift offsets (all 0 for the moment-matching start 0). The same
     * offsets serve every permutation and sign, so that permuting or negating latents maps the set of
     * searches onto itself and leaves S_KL unchanged.
     */
    private static double[][] perturbations(ScoreSettings s, int d) {
        SplittableRandom random = new SplittableRandom(s.seed());
        double[][] out = new double[s.starts()][2 * d];
        for (int start = 1; start < s.starts(); start++) {
            for (int i = 0; i < d; i++) {
                out[start][i] = START_LOG_SCALE_SPREAD * (2 * random.nextDouble() - 1);
                out[start][d + i] = START_SHIFT_SD * Moments.gaussian(random);
            }
        }
        return out;
    }

    /** {@code alpha = sign sd_x exp(u)}, {@code beta = -mean_x / alpha + sign v}: negating a latent negates both. */
    private static Task startingPoint(int[] perm, double[] sign, double[] meanX, double[] sdX, double[] perturbation) {
        int d = meanX.length;
        double[] alpha = new double[d];
        double[] beta = new double[d];
        for (int i = 0; i < d; i++) {
            alpha[i] = sign[i] * sdX[i] * Math.exp(perturbation[i]);
            beta[i] = -meanX[i] / alpha[i] + sign[i] * perturbation[d + i];
        }
        return new Task(perm, sign, alpha, beta);
    }

    private static Outcome optimise(ScoreSettings s, KnnDivergence divergence, KdTree tree, Task task, Progress progress) {
        int d = task.alpha.length;
        double[] best = new double[2 * d];
        double[] bestValue = {Double.POSITIVE_INFINITY};
        int[] evaluations = {0};
        ObjectiveFunction objective = new ObjectiveFunction(params -> {
            progress.checkCancelled();
            evaluations[0]++;
            double value = evaluate(divergence, tree, params);
            if (value < bestValue[0] || evaluations[0] == 1) {
                bestValue[0] = value;
                System.arraycopy(params, 0, best, 0, params.length);
            }
            return value;
        });
        double[] start = new double[2 * d];
        double[] steps = new double[2 * d];
        for (int i = 0; i < d; i++) {
            start[i] = task.alpha[i];
            start[d + i] = task.beta[i];
            // signed edges, so that the simplex of a negated latent is the negated simplex
            steps[i] = SIMPLEX_STEP * task.alpha[i];
            steps[d + i] = SIMPLEX_STEP * task.signs[i];
        }
        boolean exhausted = false;
        try {
            new SimplexOptimizer(s.tolerance(), s.tolerance()).optimize(new MaxEval(s.maxEvaluations()), objective,
                    GoalType.MINIMIZE, new InitialGuess(start), new NelderMeadSimplex(steps));
        } catch (TooManyEvaluationsException e) {
            exhausted = true;
        }
        return new Outcome(bestValue[0], best, evaluations[0], exhausted);
    }

    private static double evaluate(KnnDivergence divergence, KdTree tree, double[] params) {
        int d = params.length / 2;
        double[] alpha = new double[d];
        double[] beta = new double[d];
        for (int i = 0; i < d; i++) {
            if (params[i] == 0 || !Double.isFinite(params[i]) || !Double.isFinite(params[d + i])) {
                return Double.POSITIVE_INFINITY;
            }
            alpha[i] = params[i];
            beta[i] = params[d + i];
        }
        double value = divergence.estimate(tree, alpha, beta);
        return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
    }

    /**
     * {@code out[r][i] = (z[r][perm[i]] - mean[perm[i]]) / sd[perm[i]]}, rounded to float precision: scaling or
     * shifting z changes the standardised values only in their last bits, and rounding those away makes the
     * whole search, hence S_KL, identical (a relative precision of 6e-8 is far below what a k-NN estimate resolves).
     */
    private static double[][] standardised(double[][] z, double[] mean, double[] sd, int[] perm) {
        double[][] out = new double[z.length][perm.length];
        for (int r = 0; r < z.length; r++) {
            for (int i = 0; i < perm.length; i++) {
                out[r][i] = (float) ((z[r][perm[i]] - mean[perm[i]]) / sd[perm[i]]);
            }
        }
        return out;
    }
}
