package org.fieldvae;

/**
 * The one root of FieldVAE's own unchecked exceptions. Its subclasses say what kind of fault it is
 * (a dataset of the wrong shape, a solver that did not converge, a cancelled run); the command line maps
 * {@link InvalidInputException} and invalid settings ({@link IllegalArgumentException}) to exit code 2
 * and everything else to exit code 1.
 */
public class FieldVaeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FieldVaeException(String message) {
        super(message);
    }

    public FieldVaeException(String message, Throwable cause) {
        super(message, cause);
    }
}
