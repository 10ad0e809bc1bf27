package org.fieldvae;

/**
 * Input that the user can fix: a missing or unreadable file, a dataset of the wrong shape, a field with
 * non-finite values. The message names the file or setting and what was expected.
 */
public class InvalidInputException extends FieldVaeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
