/**
 * The agent's few classes on the bootstrap class path: the hooks' interfaces and the field holding them.
 * Only JDK types (java.base), so that the JDK's own classes can call them.
 */
package dev.leakline.agent.bootstrap;
