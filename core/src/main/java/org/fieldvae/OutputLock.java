package org.fieldvae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * An exclusive claim on one output (a file or a run folder) for the life of one writer: the operating
 * system's lock ({@link FileChannel#tryLock()}) on a hidden file {@code .<name>.lock} beside the output.
 * A second writer of the same output fails at once instead of racing the first; the operating system
 * drops the lock when its process dies, so a lock left by a killed run never blocks the next one
 * (docs/cli-contract.md). Once the lock is held, the temporary files a killed writer of the same output
 * left behind are removed ({@link AtomicFile#removeStaleTemps}).
 *
 * <p>The lock file is deleted on {@link #close()} while still locked. A writer that opened the file just
 * before that deletion would hold a lock on a file no longer in the folder, so {@link #acquire} checks
 * after locking that the name still leads to the file it locked, and tries again if not.
 */
public final class OutputLock implements AutoCloseable {
    private static final int ATTEMPTS = 10;
    /**
     * The locks this process holds, by lock file. The operating system's lock belongs to the whole process,
     * so the same process asking again must be told apart here: the same thread nests (a command that
     * claims a run folder and then runs the experiment, which claims it too), another thread is refused.
     */
    private static final Map<Path, OutputLock> HELD = new HashMap<>();

    private final Path output;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private final Thread owner = Thread.currentThread();
    private int depth = 1;

    private OutputLock(Path output, Path lockFile, FileChannel channel, FileLock lock) {
        this.output = output;
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of an output: {@code .<name>.lock} in the same folder. */
    public static Path lockFileOf(Path output) {
        Path absolute = output.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + ".lock");
    }

    /**
     * Claims {@code output} for this writer, then removes stale temporary files of it.
     *
     * @param what how the user named the output in messages, e.g. {@code "--out model.zip"}
     * @throws InvalidInputException naming the output when another live writer holds it
     * @throws UncheckedIOException when the lock file cannot be created (with the reason)
     */
    public static OutputLock acquire(Path output, String what) {
        Path lockFile = lockFileOf(output);
        synchronized (HELD) {
            OutputLock mine = HELD.get(lockFile);
            if (mine != null) {
                if (mine.owner != Thread.currentThread()) {
                    throw busy(what, lockFile);
                }
                mine.depth++;
                return mine;
            }
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                OutputLock held = tryOnce(output, lockFile, what);
                if (held != null) {
                    HELD.put(lockFile, held);
                    AtomicFile.removeStaleTemps(output);
                    return held;
                }
            }
        }
        throw new InvalidInputException(what + ": cannot claim " + lockFile + " (it is being replaced over and over)");
    }

    /**
     * One attempt: the lock, or null when the lock file was replaced meanwhile (try again). The file key
     * (device and inode) read before opening and after locking must agree: then the name led to the locked
     * file all along, and no holder can delete it any more.
     */
    private static OutputLock tryOnce(Path output, Path lockFile, String what) {
        FileChannel channel = null;
        try {
            Object before = fileKey(createIfAbsent(lockFile));
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another writer inside this same process
            }
            if (lock == null) {
                channel.close();
                throw busy(what, lockFile);
            }
            if (before == null || !before.equals(fileKey(lockFile))) {
                channel.close();
                return null;
            }
            return new OutputLock(output, lockFile, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot create the lock file " + lockFile + ": " + IoReason.of(e), e);
        }
    }

    private static InvalidInputException busy(String what, Path lockFile) {
        return new InvalidInputException(what + ": another fieldvae run is writing it (it holds " + lockFile
                + "); wait for it to finish or choose another output");
    }

    private static Path createIfAbsent(Path file) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // another writer's lock file: locking it below decides who goes on
        }
        return file;
    }

    /** The file's key (device and inode on Unix), or null when it is gone. */
    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // already failing with the more useful error
            }
        }
    }

    /** The output this lock claims. */
    public Path output() {
        return output;
    }

    /** Deletes the lock file (still locked, so no other writer can be using it), then releases the lock. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (--depth > 0) {
                return;
            }
            HELD.remove(lockFile);
            unlock();
        }
    }

    private void unlock() {
        try {
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            // an unlocked lock file left behind blocks nobody: the next writer locks it and goes on
        }
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it too
        }
        closeQuietly(channel);
    }
}
