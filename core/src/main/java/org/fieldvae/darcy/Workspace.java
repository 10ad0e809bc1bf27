package org.fieldvae.darcy;

import java.util.ArrayList;
import java.util.List;

/**
 * Reusable arrays of one n x n Darcy solve (one per thread in {@link DarcySolver#solveAll}); every solve
 * overwrites all of them, so results never depend on what was solved before.
 */
final class Workspace {
    /**
     * A residual below this many units of round-off, ROUND_OFF eps || |A| |p| ||_2, is as small as double
     * precision can verify (reached before a tight tolerance for K contrasts beyond about e^{+-4}).
     */
    static final double ROUND_OFF = 64.0;
    /** CG iterations between checks of the recursive residual against the round-off level. */
    private static final int ROUND_OFF_CHECK_EVERY = 5;
    /** A removed source mean above this fraction of the mean |source| is reported as a warning. */
    static final double MEAN_WARNING_RELATIVE = 1e-12;

    final int n;
    final double[][] permeability;
    final double[][] sourceIntegral;
    final double[][] pressure;
    final double[][] velocityX1;
    final double[][] velocityX2;
    private final Multigrid multigrid;
    private final double[] rhs;
    private final double[] sol;
    private final double[] res;
    private final double[] dir;
    private final double[] pre;
    private final double[] aDir;

    double relativeResidual;
    double injectedFlux;
    double fluxImbalance;
    double removedSourceMean;
    int iterations;
    final List<String> warnings = new ArrayList<>();

    Workspace(int n) {
        this.n = n;
        permeability = new double[n][n];
        sourceIntegral = new double[n][n];
        pressure = new double[n][n];
        velocityX1 = new double[n][n];
        velocityX2 = new double[n][n];
        multigrid = new Multigrid(n);
        int padded = (n + 2) * (n + 2);
        rhs = new double[padded];
        sol = new double[padded];
        res = new double[padded];
        dir = new double[padded];
        pre = new double[padded];
        aDir = new double[padded];
    }

    /** Solves for {@link #permeability} and {@link #sourceIntegral} (both filled and checked by the caller). */
    void solve(DarcySettings settings) {
        warnings.clear();
        FiniteVolume.assemble(n, permeability, multigrid.fineStencil());
        multigrid.setup();
        loadSource();
        iterations = conjugateGradient(settings);
        storePressure();
        FiniteVolume.velocities(n, permeability, pressure, velocityX1, velocityX2);
        fluxImbalance = imbalance();
    }

    /** rhs = source integrals minus area * (area-weighted mean), so that sum rhs = 0 (solvable). */
    private void loadSource() {
        int m = n + 2;
        double[] c = FiniteVolume.cellWeights(n);
        double h2 = FiniteVolume.spacing(n) * FiniteVolume.spacing(n);
        double total = 0;
        double absolute = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                total += sourceIntegral[i][j];
                absolute += Math.abs(sourceIntegral[i][j]);
            }
        }
        // the dual cells tile the unit square: their areas sum to 1
        removedSourceMean = total;
        injectedFlux = 0;
        java.util.Arrays.fill(rhs, 0.0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = sourceIntegral[i][j] - removedSourceMean * h2 * c[i] * c[j];
                rhs[(i + 1) * m + j + 1] = v;
                injectedFlux += Math.max(v, 0.0);
            }
        }
        if (Math.abs(removedSourceMean) > MEAN_WARNING_RELATIVE * absolute) {
            warnings.add(String.format(
                "source integral %.6g is not 0: removed its area-weighted mean %.6g (no-flux boundaries need a "
                    + "source of zero integral)", total, removedSourceMean));
        }
    }

    /**
     * Preconditioned CG on the consistent singular system, restarted from the true residual until that is
     * below the tolerance (the recursive residual drifts by round-off).
     *
     * @return iterations
     */
    private int conjugateGradient(DarcySettings settings) {
        java.util.Arrays.fill(sol, 0.0);
        double bNorm = Math.sqrt(dot(rhs, rhs));
        if (bNorm == 0.0) {
            relativeResidual = 0.0;
            return 0;
        }
        double target = settings.tolerance() * bNorm;
        int it = 0;
        while (true) {
            trueResidual();
            double rNorm = Math.sqrt(dot(res, res));
            relativeResidual = rNorm / bNorm;
            if (rNorm <= target) {
                return it;
            }
            if (it > 0 && rNorm <= roundOffFloor()) {
                warnings.add(String.format("relative residual %.3g is above the tolerance %.3g but at the round-off "
                    + "level of double precision for this permeability contrast", relativeResidual,
                    settings.tolerance()));
                return it;
            }
            if (it >= settings.maxIterations()) {
                throw new ConvergenceException("Darcy CG did not reach tolerance " + settings.tolerance(), it,
                    relativeResidual);
            }
            multigrid.precondition(res, pre);
            System.arraycopy(pre, 0, dir, 0, dir.length);
            double rz = dot(res, pre);
            while (it < settings.maxIterations()) {
                multigrid.applyFine(dir, aDir);
                double alpha = rz / dot(dir, aDir);
                double rr = 0;
                for (int p = 0; p < sol.length; p++) {
                    sol[p] += alpha * dir[p];
                    res[p] -= alpha * aDir[p];
                    rr += res[p] * res[p];
                }
                it++;
                double recursive = Math.sqrt(rr);
                if (recursive <= target || (it % ROUND_OFF_CHECK_EVERY == 0 && recursive <= roundOffFloor())) {
                    break;
                }
                multigrid.precondition(res, pre);
                double rzNew = dot(res, pre);
                double beta = rzNew / rz;
                rz = rzNew;
                for (int p = 0; p < dir.length; p++) {
                    dir[p] = pre[p] + beta * dir[p];
                }
            }
        }
    }

    /** @return ROUND_OFF eps || |A| |p| ||_2 for the current iterate */
    private double roundOffFloor() {
        return ROUND_OFF * Math.ulp(1.0) * multigrid.absApplyNorm(sol);
    }

    private void trueResidual() {
        multigrid.applyFine(sol, res);
        int m = n + 2;
        for (int i = 1; i <= n; i++) {
            for (int p = i * m + 1; p <= i * m + n; p++) {
                res[p] = rhs[p] - res[p];
            }
        }
    }

    /** Copies the solution out and shifts it so that sum |cell| p = 0. */
    private void storePressure() {
        int m = n + 2;
        double[] c = FiniteVolume.cellWeights(n);
        double h2 = FiniteVolume.spacing(n) * FiniteVolume.spacing(n);
        double integral = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                integral += h2 * c[i] * c[j] * sol[(i + 1) * m + j + 1];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                pressure[i][j] = sol[(i + 1) * m + j + 1] - integral;
            }
        }
    }

    /** Net outflow (A p)_k of the cells with positive source minus net inflow of those with negative source. */
    private double imbalance() {
        multigrid.applyFine(sol, aDir);
        int m = n + 2;
        double injected = 0;
        double produced = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int p = (i + 1) * m + j + 1;
                if (rhs[p] > 0) {
                    injected += aDir[p];
                } else if (rhs[p] < 0) {
                    produced -= aDir[p];
                }
            }
        }
        return injected - produced;
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int p = 0; p < u.length; p++) {
            s += u[p] * v[p];
        }
        return s;
    }

    DarcySolution toSolution() {
        return new DarcySolution(pressure, velocityX1, velocityX2, relativeResidual, injectedFlux, fluxImbalance,
            removedSourceMean, iterations, warnings);
    }
}
