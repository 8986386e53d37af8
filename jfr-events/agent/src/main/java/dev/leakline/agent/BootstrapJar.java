package dev.leakline.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the agent's bridge classes ({@code dev.leakline.agent.bootstrap}) on the bootstrap class path: the
 * JDK's clients, loaded by the bootstrap and platform loaders, can only call classes there. Written from the
 * agent jar's own class files to a temporary jar, deleted when the JVM exits.
 */
final class BootstrapJar {
    static final String[] CLASSES = {
        "dev/leakline/agent/bootstrap/Bridge.class",
        "dev/leakline/agent/bootstrap/JdkHooks.class",
        "dev/leakline/agent/bootstrap/Apache4Hooks.class",
        "dev/leakline/agent/bootstrap/OkHttpHooks.class",
    };

    private BootstrapJar() {
    }

    static void append(Instrumentation inst) throws IOException {
        Path jar = Files.createTempFile("leakline-agent-bootstrap", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : CLASSES) {
                try (InputStream in = BootstrapJar.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException(name + " is missing from the agent jar");
                    }
                    out.putNextEntry(new JarEntry(name));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }
}
