package org.fieldvae;

/** Thrown between steps of long work when the {@link Progress} it reports to asks to stop. */
public class CancelledException extends FieldVaeException {
    private static final long serialVersionUID = 1L;

    public CancelledException(String message) {
        super(message);
    }
}
