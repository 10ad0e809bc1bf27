package org.fieldvae.cli;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.fieldvae.experiment.slurm.SbatchScript;

/**
 * The bash lines that start this command line on a compute node the way {@code ./fieldvae} starts it here: the
 * same Java options (heap from {@code FIELDVAE_JAVA_OPTS}, ND4J's oneDNN + AVX-512 natives where the node's CPU
 * has AVX-512, natives unpacked into {@code FIELDVAE_NATIVE_CACHE} or {@code ~/.cache/fieldvae/javacpp}), the
 * Java that runs now, and this jar by absolute path (or, when the classes do not run from a jar, as in the
 * tests, this JVM's class path). The variables are read on the node, from the environment sbatch exports.
 */
final class TaskLauncher {
    private TaskLauncher() {
    }

    /** The lines, ending in the command without its arguments. */
    static String launch() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        StringBuilder b = new StringBuilder();
        b.append("# the Java options of ./fieldvae; ND4J's native variant is chosen for this node's CPU\n");
        b.append("extension=\"\"\n");
        b.append("if grep -q avx512f /proc/cpuinfo 2>/dev/null; then extension=\"-onednn-avx512\"; fi\n");
        b.append("cache=\"${FIELDVAE_NATIVE_CACHE:-$HOME/.cache/fieldvae/javacpp}\"\n");
        b.append("exec ").append(SbatchScript.quote(java.toString())).append(" ${FIELDVAE_JAVA_OPTS:--Xmx8g} \\\n");
        b.append("  -Dorg.bytedeco.javacpp.platform.extension=\"$extension\" \\\n");
        b.append("  -Dorg.bytedeco.javacpp.cachedir=\"$cache\" \\\n");
        b.append("  -Dorg.bytedeco.javacpp.maxbytes=8G -Dorg.bytedeco.javacpp.maxphysicalbytes=16G \\\n");
        b.append("  ").append(String.join(" ", program().stream().map(SbatchScript::quote).toList()));
        return b.toString();
    }

    /** {@code -jar /abs/fieldvae-cli.jar}, or {@code -cp CLASSPATH org.fieldvae.cli.FieldVaeCommand}. */
    static List<String> program() {
        Path code;
        try {
            code = Path.of(FieldVaeCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            code = null;
        }
        if (code != null && Files.isRegularFile(code) && code.toString().endsWith(".jar")) {
            return List.of("-jar", code.toAbsolutePath().normalize().toString());
        }
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return List.of("-cp", String.join(File.pathSeparator, entries), FieldVaeCommand.class.getName());
    }
}
