package org.fieldvae.cli.report;

import org.fieldvae.Check;

/**
 * One PNG of the report.
 *
 * @param file    bare file name beside the HTML page
 * @param width   image width in pixels
 * @param height  image height in pixels
 * @param title   short title (also the image's alt text)
 * @param caption what the plot shows, in a sentence or two
 */
record Figure(String file, int width, int height, String title, String caption) {
    Figure {
        Check.that(file.endsWith(".png") && !file.contains("/"), "file", "= " + file + ": must be a bare *.png name");
        Check.atLeast("width", width, 1);
        Check.atLeast("height", height, 1);
    }
}
