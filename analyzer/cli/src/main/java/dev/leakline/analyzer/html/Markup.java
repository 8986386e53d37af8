package dev.leakline.analyzer.html;

/**
 * A small writer for HTML and SVG that escapes by construction: element and attribute names are the report's
 * own constants, every attribute value and every text goes through {@link Html#escape}. The only unescaped
 * output is {@link #trusted}, used for the report's own fixed markup (doctype, style sheet).
 */
final class Markup {

    private final StringBuilder out = new StringBuilder(64 * 1024);

    /** Opens {@code tag} with attributes given as name, value pairs; values are escaped. */
    Markup open(String tag, String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        return this;
    }

    /** A void or self-closing element (SVG shapes, {@code meta}). */
    Markup empty(String tag, String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append(tag.equals("meta") ? ">" : "/>");
        return this;
    }

    Markup close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** Escaped text. */
    Markup text(String text) {
        out.append(Html.escape(text));
        return this;
    }

    /** {@code <tag attrs>text</tag>} with the text escaped. */
    Markup element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** The report's own constant markup only; never a string from a recording. */
    Markup trusted(String markup) {
        out.append(markup);
        return this;
    }

    Markup newline() {
        out.append('\n');
        return this;
    }

    private void attributes(String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"").append(Html.escape(attributes[i + 1])).append('"');
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
