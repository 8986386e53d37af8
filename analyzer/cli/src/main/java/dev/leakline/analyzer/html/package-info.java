/**
 * The self-contained HTML report: one file with summary, SVG timeline charts, leak sites with collapsible stacks,
 * thread findings and recording facts, viewable with no network access.
 *
 * <p>Input is the neutral {@link dev.leakline.analyzer.html.ReportModel}; {@link dev.leakline.analyzer.html.HtmlReport}
 * writes it. Every string goes through {@link dev.leakline.analyzer.html.Html}, the one place that escapes, and the
 * page carries a Content-Security-Policy that allows no script at all, so a missed escape still cannot run code.
 */
package dev.leakline.analyzer.html;
