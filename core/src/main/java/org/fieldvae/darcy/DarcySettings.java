package org.fieldvae.darcy;

import org.fieldvae.Check;

/**
 * Settings of the Darcy solve: the paper's wells and the linear solver's stopping rule.
 *
 * @param wellWidth     w, side of the square wells [0,w]^2 (injection) and [1-w,1]^2 (production), as a
 *                      fraction of the unit square's side, in (0, 0.5]; paper: 1/8
 * @param injectionRate r, source density inside the injection well (and minus it inside the production
 *                      well), per unit area, finite and > 0; paper: 10
 * @param tolerance     stop when ||b - A p||_2 <= tolerance ||b||_2 for the conservative system A p = b,
 *                      in (0, 1); default 1e-8, which leaves an algebraic error below 1e-9 of max |p| and
 *                      max |u| even for a log-permeability variance of 4 (measured against 1e-13 solves at
 *                      65 x 65): 30 times below the rounding of the float32 in which datasets store the
 *                      fields, and five orders below the O(h^2) discretisation error, so a tighter default
 *                      would only cost time. A residual at the round-off level of double precision
 *                      (64 eps || |A| |p| ||_2, reached first for K contrasts beyond about e^{+-4}) is also
 *                      accepted, with a warning in the result
 * @param maxIterations most preconditioned CG iterations before {@link ConvergenceException}, >= 1;
 *                      default 200
 */
public record DarcySettings(double wellWidth, double injectionRate, double tolerance, int maxIterations) {
    public DarcySettings {
        Check.inRange("wellWidth", Check.positive("wellWidth", wellWidth), 0.0, 0.5);
        Check.positive("injectionRate", injectionRate);
        Check.inRange("tolerance", Check.positive("tolerance", tolerance), 0.0, 1.0);
        Check.that(tolerance < 1.0, "tolerance = " + tolerance, "must be < 1");
        Check.atLeast("maxIterations", maxIterations, 1);
    }

    /** The paper's wells (w = 1/8, r = 10), tolerance 1e-8, at most 200 iterations. */
    public static DarcySettings defaults() {
        return new DarcySettings(1.0 / 8, 10.0, 1e-8, 200);
    }

    public DarcySettings withWellWidth(double value) {
        return new DarcySettings(value, injectionRate, tolerance, maxIterations);
    }

    public DarcySettings withInjectionRate(double value) {
        return new DarcySettings(wellWidth, value, tolerance, maxIterations);
    }

    public DarcySettings withTolerance(double value) {
        return new DarcySettings(wellWidth, injectionRate, value, maxIterations);
    }

    public DarcySettings withMaxIterations(int value) {
        return new DarcySettings(wellWidth, injectionRate, tolerance, value);
    }
}
