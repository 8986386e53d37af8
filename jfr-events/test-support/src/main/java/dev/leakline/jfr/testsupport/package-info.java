/**
 * Test support shared by the client adapters' test suites (never shipped): a loopback HTTP server that
 * remembers which connection served each request, and a real in-process JFR recording with the shipped
 * leakline.jfc whose Leakline events are read back from the dumped file.
 */
package dev.leakline.jfr.testsupport;
