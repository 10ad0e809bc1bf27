package org.fieldvae;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files that appear complete or not at all: the content goes to a hidden temporary file beside the
 * target, which is moved onto the target only when it is complete. A failure part-way leaves whatever
 * was at the target untouched.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Writes the content of a file at a path it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    /**
     * Creates an empty hidden file {@code .<name>.<random>.tmp} beside the target. Unlike
     * {@link Files#createTempFile}, it gets the permissions of any new file (the umask), so the moved
     * result is readable by collaborators as they expect.
     */
    public static Path createTempBeside(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        for (int attempt = 0; ; attempt++) {
            String name = "." + absolute.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp";
            try {
                return Files.createFile(absolute.resolveSibling(name));
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * Moves a complete temporary file onto its target, atomically where the file system allows.
     *
     * @throws FileAlreadyExistsException if the target exists and {@code overwrite} is false
     */
    public static void moveIntoPlace(Path temp, Path target, boolean overwrite) throws IOException {
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists; use --force to replace it");
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, target);
            }
        }
    }

    /** Writes a whole file through a temporary one; the temporary file is gone afterwards, whatever happens. */
    public static void write(Path target, boolean overwrite, Content content) throws IOException {
        Path temp = createTempBeside(target);
        try {
            content.writeTo(temp);
            moveIntoPlace(temp, target, overwrite);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Deletes a temporary file if it is still there; a failure to delete is not worth masking the real error. */
    public static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a hidden temporary file left behind is harmless; the caller's own error, if any, matters more
        }
    }
}
