package org.fieldvae.cli;

import java.util.List;

/** Every subcommand of {@code fieldvae}, in the order --help lists them. */
final class Subcommands {
    private Subcommands() {
    }

    static List<Object> all() {
        return List.of();
    }
}
