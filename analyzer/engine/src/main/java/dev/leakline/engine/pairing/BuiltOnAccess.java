package dev.leakline.engine.pairing;

/**
 * Marks a list of the pairing's result whose elements are built when read (a million leaks, a million connections):
 * unmodifiable already, and never to be copied, since a copy would build every element at once.
 */
interface BuiltOnAccess {
}
