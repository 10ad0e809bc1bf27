package org.fieldvae.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claim of one process on one trial folder: an operating-system lock ({@link FileChannel#tryLock}, POSIX
 * {@code fcntl} on Linux) on {@value #FILE} in the folder, held while the trial runs. The lock dies with its
 * process, so a trial whose process was killed (scancel, time limit, node failure) is free again at once;
 * there is no stale state to clean up. The file holds a line saying who holds it (job, host, pid), for
 * {@code fieldvae sweep status}; it is meaningful only while the lock is held.
 *
 * <p>On a local disk the lock is exact. On NFS it is as good as the server's lock manager (NFSv4 leases, or
 * NFSv3 with lockd): a lock held by a node that died is released when its lease expires (about 90 s), see
 * {@code docs/sweeps-on-slurm.md}.
 *
 * <p>POSIX locks belong to the process, and closing any channel of the file drops them; so within this JVM the
 * locks held are kept in a table and never probed through a second channel.
 */
public final class TrialLock implements AutoCloseable {
    /** The lock file inside a trial folder. */
    public static final String FILE = "trial.lock";

    private static final Map<Path, TrialLock> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final String holder;
    private final FileChannel channel;
    private final FileLock lock;

    private TrialLock(Path file, String holder, FileChannel channel, FileLock lock) {
        this.file = file;
        this.holder = holder;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the trial's lock if no process holds it; creates the folder if missing.
     *
     * @param holder who takes it, e.g. "job 12_3 on node7, pid 4242", shown by {@link #heldBy}
     * @return the lock, or empty when another process (or another trial run of this JVM) holds it
     */
    public static Optional<TrialLock> tryAcquire(Path trialDir, String holder) {
        Path file = trialDir.resolve(FILE).toAbsolutePath().normalize();
        synchronized (HELD_HERE) {
            if (HELD_HERE.containsKey(file)) {
                return Optional.empty();
            }
            FileChannel channel = null;
            try {
                Files.createDirectories(trialDir);
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    return Optional.empty();
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                TrialLock held = new TrialLock(file, holder, channel, lock);
                HELD_HERE.put(file, held);
                return Optional.of(held);
            } catch (OverlappingFileLockException e) {
                closeQuietly(channel);
                return Optional.empty();
            } catch (IOException e) {
                closeQuietly(channel);
                throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Who holds the trial's lock: the holder line, or empty when no process holds it. Probes with a lock of its
     * own that it releases at once.
     */
    public static Optional<String> heldBy(Path trialDir) {
        Path file = trialDir.resolve(FILE).toAbsolutePath().normalize();
        synchronized (HELD_HERE) {
            TrialLock here = HELD_HERE.get(file);
            if (here != null) {
                return Optional.of(here.holder);
            }
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                FileLock probe = channel.tryLock();
                if (probe != null) {
                    probe.release();
                    return Optional.empty();
                }
                ByteBuffer text = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
                channel.read(text, 0);
                String line = new String(text.array(), 0, text.position(), StandardCharsets.UTF_8).strip();
                return Optional.of(line.isEmpty() ? "another process" : line);
            } catch (OverlappingFileLockException e) {
                return Optional.of("this process");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot probe " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Releases the lock; the file stays (deleting it could race with a process that just opened it). */
    @Override
    public void close() {
        synchronized (HELD_HERE) {
            HELD_HERE.remove(file);
            try {
                lock.release();
            } catch (IOException e) {
                // the channel's close below drops the lock as well
            } finally {
                closeQuietly(channel);
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written that a failed close could lose
        }
    }
}
