package org.fieldvae.darcy;

import org.fieldvae.FieldVaeException;

/** The preconditioned CG of the Darcy solve did not reach the tolerance within the allowed iterations. */
public class ConvergenceException extends FieldVaeException {
    private static final long serialVersionUID = 1L;

    private final int iterations;
    private final double residual;

    public ConvergenceException(String message, int iterations, double residual) {
        super(message + " (after " + iterations + " iterations, relative residual " + residual + ")");
        this.iterations = iterations;
        this.residual = residual;
    }

    /** @return the CG iterations done */
    public int iterations() {
        return iterations;
    }

    /** @return the last relative residual ||b - A p||_2 / ||b||_2 */
    public double residual() {
        return residual;
    }
}
