package org.fieldvae.experiment.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.fieldvae.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The array list, the scripts' directives and the quoting of paths for bash. */
class SbatchScriptTest {
    @Test
    void indicesBecomeRangesOfConsecutiveRuns() {
        assertEquals("0-3,7,9-10", SbatchScript.indices(List.of(0, 1, 2, 3, 7, 9, 10)));
        assertEquals("5", SbatchScript.indices(List.of(5)));
        assertEquals("1,3,5", SbatchScript.indices(List.of(1, 3, 5)));
        // and back: the list scontrol prints is read into the same indices
        assertEquals(List.of(0, 1, 2, 3, 7, 9, 10), JobRecord.indices(SbatchScript.indices(List.of(0, 1, 2, 3, 7, 9, 10))));
    }

    @Test
    void theArrayScriptCarriesEveryOptionAndRunsTheTaskIndex() {
        SlurmOptions o = new SlurmOptions("long", "8:00:00", 2, "12G", "physics", 4, List.of("--qos=high"));
        String s = SbatchScript.trials(o, Path.of("/data/my sweep"), "exec java -jar /x.jar", "0-3,7");
        assertTrue(s.startsWith("#!/bin/bash\n"), s);
        for (String line : List.of("#SBATCH --array=0-3,7%4", "#SBATCH --partition=long", "#SBATCH --account=physics",
                "#SBATCH --time=8:00:00", "#SBATCH --cpus-per-task=2", "#SBATCH --mem=12G", "#SBATCH --qos=high",
                "#SBATCH --output=/data/my sweep/slurm/logs/%A_%a.log")) {
            assertTrue(s.contains(line + "\n"), line + " in\n" + s);
        }
        assertTrue(s.endsWith("exec java -jar /x.jar \\\n  sweep run-trial --out '/data/my sweep' --index "
                + "\"$SLURM_ARRAY_TASK_ID\"\n"), s);
        String summary = SbatchScript.summary(o, Path.of("/d"), "exec java -jar /x.jar");
        assertTrue(summary.contains("sweep summarise --out /d\n") && !summary.contains("--array")
                && !summary.contains("--cpus-per-task"), summary);
    }

    @Test
    void quotingSurvivesBash() {
        assertEquals("/a/b-c_d.jar", SbatchScript.quote("/a/b-c_d.jar"));
        assertEquals("'it'\"'\"'s here'", SbatchScript.quote("it's here"));
    }

    @Test
    void optionsTheSweepSetsItselfAreRefused() {
        for (String a : List.of("--array=0-3", "--dependency=afterok:1", "--output=x", "-o", "qos")) {
            assertThrows(InvalidInputException.class, () -> new SlurmOptions("", "", 0, "", "", 0, List.of(a)), a);
        }
        assertThrows(InvalidInputException.class, () -> new SlurmOptions("", "", -1, "", "", 0, List.of()));
    }
}
