/**
 * Leakline's rule for JDK Mission Control: {@link dev.leakline.jmc.rules.HttpResponseLeakRule}, "HTTP response leaks".
 * The rule adapts JMC's loaded items to the verdict engine's records and renders the engine's findings as a JMC
 * result; it holds no verdict logic of its own. See docs/jmc.md.
 */
package dev.leakline.jmc.rules;
