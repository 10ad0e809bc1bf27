package org.fieldvae.cli;

/**
 * A training run that diverged, told in the command's own terms (which option to change); the command
 * line exits with {@link FieldVaeCommand#DIVERGED}.
 */
final class DivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DivergedException(String message, Throwable cause) {
        super(message, cause);
    }
}
