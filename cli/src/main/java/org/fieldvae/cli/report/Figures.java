package org.fieldvae.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.fieldvae.Check;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The PNGs of one report as they are rendered into the report's temporary folder. File names are the
 * page's name, a dash and the plot's name ({@code index-training.png}), so two reports in one folder do
 * not overwrite each other's images.
 */
final class Figures {
    /** Every plot a report can have; a refreshed report deletes those of the old one it no longer has. */
    static final List<String> PLOTS = List.of("fields-train", "reconstruction", "training", "rate-distortion",
            "latents-test", "latents-train", "aggregated-posterior", "traversal");
    private final Path dir;
    private final String prefix;
    private final List<Figure> written = new ArrayList<>();

    /**
     * @param dir    the temporary folder the PNGs go to
     * @param prefix file-name prefix, already reduced to characters safe in a URL and a file name
     */
    Figures(Path dir, String prefix) {
        this.dir = dir;
        this.prefix = prefix;
    }

    /**
     * Renders equal-sized panels row by row into one PNG.
     *
     * @throws UncheckedIOException if the PNG cannot be written (a problem of the output, not of the run)
     */
    Figure add(String name, List<? extends Chart<?, ?>> panels, int cols, String title, String caption) {
        Check.that(PLOTS.contains(name), "name", "= " + name + ": must be one of " + PLOTS);
        int rows = (panels.size() + cols - 1) / cols;
        Chart<?, ?> first = panels.get(0);
        Figure figure = new Figure(prefix + "-" + name + ".png", cols * first.getWidth(), rows * first.getHeight(), title,
                caption);
        try {
            Charts.save(dir.resolve(figure.file()), panels, rows, cols);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(figure.file()) + ": " + e.getMessage(), e);
        }
        written.add(figure);
        return figure;
    }

    List<Figure> written() {
        return List.copyOf(written);
    }

    /** File names of the plots a report with this prefix can have but this one does not. */
    List<String> absent() {
        List<String> out = new ArrayList<>();
        for (String plot : PLOTS) {
            String file = prefix + "-" + plot + ".png";
            if (written.stream().noneMatch(f -> f.file().equals(file))) {
                out.add(file);
            }
        }
        return out;
    }
}
