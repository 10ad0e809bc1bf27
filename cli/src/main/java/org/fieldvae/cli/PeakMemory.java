package org.fieldvae.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The peak resident set size of this process (Linux's VmHWM), for the {@code bench} command's child runs. */
final class PeakMemory {
    static final String PREFIX = "fieldvae-peak-rss-mib:";

    private PeakMemory() {
    }

    /** @return VmHWM in MiB, or NaN where /proc is not available */
    static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Prints the peak on stdout when the bench command asked for it through a system property. */
    static void reportIfAsked() {
        if (Boolean.getBoolean(BenchCommand.PEAK_RSS_PROPERTY)) {
            System.out.println(PREFIX + " " + peakRssMib());
        }
    }
}
