package org.fieldvae.experiment.slurm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.fieldvae.FieldVaeException;
import org.fieldvae.InvalidInputException;

/**
 * {@link Slurm} by the cluster's own commands ({@code sbatch}, {@code scontrol}, {@code scancel}) found on the
 * PATH, each run with a time limit. The commands read the cluster's configuration as they do for the user
 * ({@code SLURM_CONF} or {@code /etc/slurm/slurm.conf}).
 */
public final class SlurmCommands implements Slurm {
    /** Longest wait for one command: a busy controller answers within seconds. */
    private static final long TIMEOUT_SECONDS = 120;

    /** Whether a command is on the PATH. */
    public static boolean onPath(String command) {
        return locate(command).isPresent();
    }

    /**
     * Checks that jobs can be submitted from here.
     *
     * @throws InvalidInputException naming the missing command
     */
    public static void requireSbatch() {
        if (!onPath("sbatch")) {
            throw new InvalidInputException("sbatch is not on the PATH: --engine slurm runs on a machine with the "
                    + "SLURM client commands (--dry-run prints the script without them)");
        }
    }

    @Override
    public String submit(Path script, List<String> options) {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
        command.addAll(options);
        command.add(script.toString());
        Result r = run(command);
        if (r.exit != 0) {
            throw new InvalidInputException("sbatch refused the job: " + firstLine(r.err, r.out));
        }
        String id = r.out.strip();
        int semicolon = id.indexOf(';');
        id = semicolon < 0 ? id : id.substring(0, semicolon);
        if (!id.matches("\\d+")) {
            throw new FieldVaeException("sbatch printed no job id: '" + r.out.strip() + "'");
        }
        return id;
    }

    @Override
    public Optional<List<JobRecord>> jobs(String jobId) {
        if (!onPath("scontrol")) {
            return Optional.empty();
        }
        Result r = run(List.of("scontrol", "-o", "show", "job", jobId));
        if (r.exit != 0) {
            if (r.err.contains("Invalid job id")) {
                return Optional.of(List.of());
            }
            throw new InvalidInputException("scontrol show job " + jobId + " failed (is the cluster up?): "
                    + firstLine(r.err, r.out));
        }
        return Optional.of(JobRecord.parse(r.out));
    }

    @Override
    public void cancel(List<String> jobIds) {
        if (jobIds.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("scancel"));
        command.addAll(jobIds);
        Result r = run(command);
        if (r.exit != 0) {
            throw new InvalidInputException("scancel failed: " + firstLine(r.err, r.out));
        }
    }

    @Override
    public Optional<List<String>> partitions() {
        if (!onPath("scontrol")) {
            return Optional.empty();
        }
        Result r = run(List.of("scontrol", "-o", "show", "partition"));
        if (r.exit != 0) {
            throw new InvalidInputException("scontrol show partition failed (is the cluster up?): "
                    + firstLine(r.err, r.out));
        }
        List<String> names = new ArrayList<>();
        for (String line : r.out.split("\n")) {
            if (line.startsWith("PartitionName=")) {
                int end = line.indexOf(' ');
                names.add(line.substring("PartitionName=".length(), end < 0 ? line.length() : end));
            }
        }
        return Optional.of(names);
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("fieldvae-slurm", ".out");
            err = Files.createTempFile("fieldvae-slurm", ".err");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new FieldVaeException(String.join(" ", command) + ": no answer within " + TIMEOUT_SECONDS
                        + " s (is slurmctld up?)");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FieldVaeException("interrupted while running " + command.get(0), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary file in the temp folder is harmless
        }
    }

    private static String firstLine(String err, String out) {
        String text = err.isBlank() ? out : err;
        return text.strip().lines().findFirst().orElse("(no message)");
    }

    private static Optional<Path> locate(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
