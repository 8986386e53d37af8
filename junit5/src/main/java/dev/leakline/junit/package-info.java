/**
 * A JUnit Jupiter extension that fails the test that leaks an HTTP response (opened, then neither read to
 * the end nor closed) and, optionally, the test that leaves threads running. Enable it with
 * {@link dev.leakline.junit.LeakCheck} or JUnit's extension auto-detection; see docs/junit.md.
 */
package dev.leakline.junit;
