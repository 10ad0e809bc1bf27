package org.fieldvae.experiment.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One job or job-array task as {@code scontrol -o show job} reports it while the controller still knows it
 * (queued, running, or finished less than {@code MinJobAge}, 300 s by default, ago). No accounting database
 * ({@code sacct}) is needed.
 *
 * @param arrayJobId the array's job id (the job's own id when it is no array task)
 * @param taskIndex  the array task index, or -1 for a job that is no array task
 * @param state      the SLURM job state, e.g. PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT
 * @param reason     why it is pending or ended (e.g. Dependency, JobArrayTaskLimit, NonZeroExitCode), or "None"
 * @param exitCode   {@code code:signal}, e.g. {@code 1:0}, or {@code 0:15} for a task ended by SIGTERM
 * @param node       the node it runs or ran on, or the empty string
 */
public record JobRecord(String arrayJobId, int taskIndex, String state, String reason, String exitCode, String node) {
    /** States after which a job does nothing more (without requeueing). */
    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL",
            "PREEMPTED", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE");
    /** States of a job that waits to start. */
    private static final Set<String> WAITING = Set.of("PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED",
            "RESV_DEL_HOLD");

    /** The id scancel and scontrol take: {@code J_i} for an array task, else {@code J}. */
    public String id() {
        return taskIndex < 0 ? arrayJobId : arrayJobId + "_" + taskIndex;
    }

    /** Queued or running: the job may still run its trial. */
    public boolean live() {
        return !ENDED.contains(state);
    }

    /** Waiting to start. */
    public boolean queued() {
        return WAITING.contains(state);
    }

    /**
     * Parses {@code scontrol -o show job} output: one line per job. A part of an array not yet started is one
     * line whose ArrayTaskId is a list of ranges with the throttle ({@code 4-7%2}); it gives one record per index.
     */
    public static List<JobRecord> parse(String scontrolOutput) {
        List<JobRecord> records = new ArrayList<>();
        for (String line : scontrolOutput.split("\n")) {
            String jobId = field(line, "JobId");
            if (jobId.isEmpty()) {
                continue;
            }
            String array = field(line, "ArrayJobId");
            String tasks = field(line, "ArrayTaskId");
            String state = field(line, "JobState");
            String reason = field(line, "Reason");
            String exit = field(line, "ExitCode");
            String node = field(line, "NodeList");
            if (node.equals("(null)")) {
                node = "";
            }
            if (array.isEmpty() || tasks.isEmpty()) {
                records.add(new JobRecord(jobId, -1, state, reason, exit, node));
                continue;
            }
            for (int index : indices(tasks)) {
                records.add(new JobRecord(array, index, state, reason, exit, node));
            }
        }
        return records;
    }

    /** The indices of an ArrayTaskId value such as {@code 0,3,5-7%2} (the throttle after % dropped). */
    static List<Integer> indices(String tasks) {
        String list = tasks.contains("%") ? tasks.substring(0, tasks.indexOf('%')) : tasks;
        List<Integer> out = new ArrayList<>();
        for (String part : list.split(",")) {
            int dash = part.indexOf('-');
            try {
                if (dash < 0) {
                    out.add(Integer.parseInt(part.strip()));
                } else {
                    int from = Integer.parseInt(part.substring(0, dash).strip());
                    int to = Integer.parseInt(part.substring(dash + 1).strip());
                    for (int i = from; i <= to; i++) {
                        out.add(i);
                    }
                }
            } catch (NumberFormatException e) {
                // an entry we cannot read names no trial; leave it out
            }
        }
        return out;
    }

    /** The value of {@code key=value} in a one-line record; values run to the next space. */
    private static String field(String line, String key) {
        Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(key) + "=(\\S*)").matcher(line);
        return m.find() ? m.group(1) : "";
    }
}
