package dev.leakline.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The agent's only transformer until a client class loads: a set lookup per class loaded, and nothing else. When
 * the first class to instrument is being loaded it puts the bridge on the bootstrap class path, sets the hooks,
 * builds ByteBuddy's transformer ({@link Installer#builder}) and hands that class, and every later one, to it. A
 * JVM that never loads an HTTP client class never loads ByteBuddy, and its start-up pays for none of it.
 *
 * <p>Uses no ByteBuddy type itself (the transformer behind it is a plain {@link ClassFileTransformer}).
 */
final class FirstLoad implements ClassFileTransformer {
    private final Instrumentation inst;
    private final AgentOptions options;
    private final List<String> types;
    /** The classes to instrument, by internal name ({@code okhttp3/OkHttpClient$Builder}): what the JVM passes. */
    private final Set<String> internalNames = new HashSet<>();
    private volatile ClassFileTransformer delegate;
    private volatile boolean failed;

    FirstLoad(Instrumentation inst, AgentOptions options, List<String> types) {
        this.inst = inst;
        this.options = options;
        this.types = types;
        for (String type : types) {
            internalNames.add(type.replace('.', '/'));
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null || !internalNames.contains(className) || failed) {
            return null;
        }
        try {
            ClassFileTransformer t = delegate();
            return t == null ? null
                    : t.transform(module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
        } catch (Throwable e) {
            Warnings.once("could not instrument " + className + ", left alone: " + e);
            return null;
        }
    }

    private synchronized ClassFileTransformer delegate() throws Exception {
        if (delegate == null && !failed) {
            try {
                BootstrapJar.append(inst);
                // Only now may a class that names the bridge be loaded: it must resolve to the bootstrap copy.
                Installer.prepare(inst, options, types);
                delegate = Installer.builder(types).makeRaw();
            } catch (Throwable e) {
                failed = true;
                Warnings.once("not started, the application runs without it: " + e);
            }
        }
        return delegate;
    }
}
