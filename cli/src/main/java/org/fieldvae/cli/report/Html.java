package org.fieldvae.cli.report;

import java.util.Map;

/**
 * The report page as it is assembled: sections of escaped text, key/value tables and figures. Every
 * string that comes from a file (settings, attribute values, error messages, file names) passes through
 * {@link #escape}, so a hostile value in a dataset attribute cannot inject markup into the page.
 */
final class Html {
    private static final String STYLE = """
            body { font-family: sans-serif; max-width: 1700px; margin: 1em auto; padding: 0 1em; color: #222; }
            h1 { font-size: 1.5em; } h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; margin-top: 2em; }
            h3 { font-size: 1.05em; }
            table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
            td, th { border: 1px solid #ccc; padding: 2px 8px; text-align: left; vertical-align: top; }
            td.num { font-family: monospace; }
            figure { margin: 1em 0; } figcaption { font-size: 0.9em; color: #444; max-width: 1100px; }
            img { max-width: 100%; height: auto; }
            .na { color: #a33; font-style: italic; } .warn { color: #a60; font-weight: bold; }
            """;

    private final StringBuilder body = new StringBuilder();

    /** Text safe inside an element or a double-quoted attribute. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    Html heading(int level, String text) {
        body.append("<h").append(level).append('>').append(escape(text)).append("</h").append(level).append(">\n");
        return this;
    }

    Html paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** The marker of a section whose input is missing or unreadable; tests look for its class. */
    Html notAvailable(String text) {
        body.append("<p class=\"na\">not available: ").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A warning the engine gave about the run, such as an over-regularised model. */
    Html warning(String text) {
        body.append("<p class=\"warn\">warning: ").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A two-column table; keys and values are escaped, values in a fixed-width font. */
    Html table(Map<String, String> rows) {
        body.append("<table>\n");
        for (Map.Entry<String, String> row : rows.entrySet()) {
            body.append("<tr><th>").append(escape(row.getKey())).append("</th><td class=\"num\">")
                    .append(escape(row.getValue())).append("</td></tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** An image beside the page, referenced by its bare file name, with its pixel size and a caption. */
    Html figure(Figure figure) {
        body.append("<figure><img src=\"").append(escape(figure.file())).append("\" width=\"").append(figure.width())
                .append("\" height=\"").append(figure.height()).append("\" alt=\"").append(escape(figure.title()))
                .append("\"><figcaption><b>").append(escape(figure.title())).append(".</b> ")
                .append(escape(figure.caption())).append("</figcaption></figure>\n");
        return this;
    }

    String page(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body
                + "</body>\n</html>\n";
    }
}
